# Deep freezing, and the isolation rule: freeze raises instead of racing when a mutable
# part of the graph is still reachable from outside. Run: floe run examples/04_freezing_and_isolation.py
from floe import freeze, is_frozen, IsolationError, draw

print("1. freeze is deep and in place; writes then raise TypeError.")
config = {"hosts": ["a", "b"], "port": 80}
freeze(config)
print("   is_frozen(config['hosts']):", is_frozen(config["hosts"]))
try:
    config["hosts"].append("c")
except TypeError as e:
    print("   TypeError:", str(e).split(":")[0])

print("2. A mutable object outside the graph pointing into it would keep a mutable alias:")
cache = ["warm"]
settings = {"cache": cache}
index = {"cache": cache}          # a second, mutable, way to reach the cache
draw(settings, index, title="index is a second, mutable way to reach the cache")
try:
    freeze(settings)
except IsolationError as e:
    print("   IsolationError (nothing frozen:", not is_frozen(settings) and not is_frozen(cache), ")")

print("3. The fix the error suggests: freeze the holder too.")
freeze(settings, index)
draw(settings, index, title="freeze(settings, index): one frozen graph, no mutable alias")
print("   all frozen:", is_frozen(settings), is_frozen(index), is_frozen(cache))

print("4. Or allow aliases explicitly for one call (PEP 795 behaviour).")
shared = [1]
a, b = [shared], [shared]
freeze(a, aliases="allow")
print("   is_frozen(shared):", is_frozen(shared), "| b still mutable:", not is_frozen(b))
