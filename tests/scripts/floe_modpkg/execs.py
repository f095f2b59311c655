# exec into a module's own globals() (exec_namespaces.py): the function it defines is
# the module's.
exec("def doubled(x):\n    return 2 * x\n", globals())
VALUE = doubled(21)
