from . import registry

where = "the failed module"


def report():
    return where


registry.functions.append(report)
raise ValueError("fails after registering")
