# Semantics §4: freeze is deep, in place, returns its argument; writes then raise.
from floe import freeze, is_frozen, isfrozen

data = {"xs": [1, 2, [3]], "t": (4, 5)}
same = freeze(data)
print(same is data, is_frozen(data), isfrozen(data["xs"][2]), type(data).__name__)

for attempt in ["append", "setitem", "dictset", "del"]:
    try:
        if attempt == "append":
            data["xs"].append(9)
        elif attempt == "setitem":
            data["xs"][0] = 9
        elif attempt == "dictset":
            data["new"] = 1
        else:
            del data["t"]
    except TypeError as e:
        print(attempt, "->", str(e).split(":")[0])
print(data)

# Immediates are frozen from birth; a tuple of frozen values is frozen.
print(is_frozen(1), is_frozen("s"), is_frozen(None), is_frozen((1, "a")), is_frozen((1, [])))

try:
    freeze()
except TypeError as e:
    print("TypeError:", e)

# Freezing several roots at once, and freezing what is already frozen.
a, b = [1], [2]
freeze(a, b)
print(is_frozen(a), is_frozen(b), freeze(a) is a)

# Cycles freeze (and are reclaimed) as one component.
c = []
c.append(c)
freeze(c)
print(is_frozen(c), c[0] is c)

# Reading frozen data works as before.
print(len(data["xs"]), data["xs"][1], sorted(data.keys()), 3 in data["xs"][2])
