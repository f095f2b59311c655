from ..core import twice
from .. import VERSION


def quad(x):
    return twice(twice(x))


print("deep runs as", __name__, "in package", __package__, "beside version", VERSION)
