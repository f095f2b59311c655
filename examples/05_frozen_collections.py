# frozenlist and frozendict: deeply frozen on construction, hashable, shared by every
# thread without locks. Run: floe run examples/05_frozen_collections.py
from floe import frozenlist, frozendict, is_frozen, draw

primes = frozenlist([2, 3, 5, 7])
print("1.", primes, "| len:", len(primes), "| primes[1:3]:", primes[1:3])
print("   derived versions, the original unchanged:", primes + frozenlist([11]), primes)

prices = frozendict(apple=3, pear=4)
print("2.", prices, "| prices['pear']:", prices["pear"])
print("   prices | {'fig': 5}:", prices | {"fig": 5})
print("   equal to a dict, in any order:", prices == {"pear": 4, "apple": 3})

print("3. Construction is deep: mutable elements are frozen with it.")
row = [1, 2]
table = frozenlist([row])
print("   is_frozen(row):", is_frozen(row))
draw(primes, prices, table, title="frozen collections: shaded, each component with its count")

print("4. They are values: usable as dict keys, hashed by content.")
routes = {frozenlist(["a", "b"]): 12, frozendict(x=1): "point"}
print("   routes[frozenlist(['a', 'b'])]:", routes[frozenlist(["a", "b"])])

print("5. And they never change:")
try:
    prices["apple"] = 0
except TypeError as e:
    print("   TypeError:", e)
