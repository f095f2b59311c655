# oracle: python3
# Errors name the argument that is wrong, in CPython's words.
def err(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)
err(lambda: getattr(1, 2))
err(lambda: setattr(1, 2, 3))
err(lambda: hasattr(1, 2))
err(lambda: "a".split(1))
err(lambda: "a".replace(1, "x"))
err(lambda: "a".replace("a", 2))
err(lambda: "a".find(1))
err(lambda: "a".count(1))
err(lambda: "a".strip(1))
err(lambda: "a".partition(1))
err(lambda: "a".ljust(3, 1))
err(lambda: format(1, 2))
err(lambda: "a".removeprefix(1))
