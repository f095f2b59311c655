TABLE = {"x": 1}


def lookup(name):
    return globals()[name]


def define(name, value):
    globals()[name] = value
