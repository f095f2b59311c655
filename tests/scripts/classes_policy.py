# policy: classes=yes
# Semantics §4: with classes=yes, reaching a class freezes it like any other object.
from floe import freeze, is_frozen

class Box:
    def __init__(self, v):
        self.v = v

b = Box([1])
freeze(b)
print(is_frozen(b), is_frozen(Box), is_frozen(b.v))
