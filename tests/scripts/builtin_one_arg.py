# oracle: python3
# One-argument builtins are called straight from the stack (issue #13); called any other
# way — no argument, two, a keyword, as a value passed to map or sorted — they answer and
# refuse as CPython's do.
for call in (lambda: len(), lambda: len([1], [2]), lambda: len(obj=[1]), lambda: abs(), lambda: ord("ab"), lambda: chr(-1)):
    try:
        call()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
f = len
print(f([1, 2]), list(map(len, ["a", "bb"])), sorted(["bb", "a"], key=len))
for call in (lambda: ord(1), lambda: hash(), lambda: repr(1, 2), lambda: callable(), lambda: any(), lambda: all([], x=1), lambda: id()):
    try:
        call()
    except TypeError as e:
        print(e)
print(abs(-3), repr("x"), any([0, 1]), all([]), callable(len), chr(65), ord("A"), hash(1))
