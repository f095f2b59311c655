# An attribute CPython's built-in type has and floe's lacks is reported as missing from
# floe, not in CPython's words for an attribute that does not exist anywhere.
def attempt(f):
    try:
        f()
    except AttributeError as e:
        print("AttributeError:", e)

attempt(lambda: (5).to_bytes(2, "big"))
attempt(lambda: "x".translate({}))
attempt(lambda: (1.5).hex())
attempt(lambda: "x".no_such_method())
print(hasattr(5, "to_bytes"), hasattr(5, "bit_length"), hasattr([], "__len__"))
