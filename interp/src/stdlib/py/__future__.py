"""Python's `__future__` features, for scripts that start with `from __future__ import
annotations`: every feature is already on under floe, which runs Python 3.11's syntax."""


class _Feature:
    """A feature a future statement names (floe keeps only its name)."""

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return "_Feature(" + repr(self.name) + ")"


all_feature_names = [
    "nested_scopes",
    "generators",
    "division",
    "absolute_import",
    "with_statement",
    "print_function",
    "unicode_literals",
    "barry_as_FLUFL",
    "generator_stop",
    "annotations",
]

nested_scopes = _Feature("nested_scopes")
generators = _Feature("generators")
division = _Feature("division")
absolute_import = _Feature("absolute_import")
with_statement = _Feature("with_statement")
print_function = _Feature("print_function")
unicode_literals = _Feature("unicode_literals")
barry_as_FLUFL = _Feature("barry_as_FLUFL")
generator_stop = _Feature("generator_stop")
annotations = _Feature("annotations")
