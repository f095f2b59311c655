# A refused store through the fused o.x = v (RFC-0008 §2) leaves the object as it was.
from floe import freeze
class C:
    pass
def store(o, v):
    try:
        o.x = v
    except Exception as e:
        print(type(e).__name__)
    return o.x
c = C()
c.x = 1
freeze(c, C)
print(store(c, 2))
