"""A package the imports conformance script imports (not a script itself)."""
print("floe_modpkg runs as", __name__, "in package", __package__)
from .core import twice
VERSION = "1.0"
