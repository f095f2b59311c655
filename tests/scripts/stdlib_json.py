# oracle: python3
# The json module (issue #16): dumps with CPython's exact formatting (separators,
# indent, sort_keys, ensure_ascii escapes, float reprs, NaN and Infinity), loads with
# its decoder's errors and positions.
import json


def show(name, f):
    try:
        print(name, f())
    except Exception as e:
        print(name, type(e).__name__, e)


doc = {"name": "floe", "version": 1, "ratio": 0.1, "big": 10**25, "tags": ["a", "b"],
       "nested": {"t": True, "f": False, "n": None, "empty": {}, "list": []}, "tuple": (1, 2.5)}
print(json.dumps(doc))
print(json.dumps(doc, indent=2))
print(json.dumps(doc, indent=4, sort_keys=True))
print(json.dumps(doc, separators=(",", ":")))
print(json.dumps(doc, indent="\t", separators=(", ", " = ")))
print(json.dumps([1, [2, [3, []]], {}], indent=0))
print(json.dumps([], indent=2), json.dumps({}, indent=2), json.dumps([[]], indent=1))
print(json.dumps({"a": [1, {"b": 2}]}, indent=-1))
for x in [0.1, 1e16, 1.5e-7, -0.0, 1e300 * 10, -1e300 * 10, 123456789.0, 2**53 + 0.0, 3.0, 1 / 3]:
    print(json.dumps(x), end=" ")
print(json.dumps(float("nan")))
print(json.dumps("plain"), json.dumps("quote\" back\\ slash/ tab\t nl\n cr\r bs\b ff\f nul\x00 us\x1f del\x7f"))
print(json.dumps("é ü € 😀 ☃"), json.dumps("é ü € 😀 ☃", ensure_ascii=False))
print(json.dumps({"ключ": "значение"}, ensure_ascii=False), json.dumps({"ключ": "значение"}))
print(json.dumps({1: "int", 2.5: "float", True: "bool", None: "none", "s": 0}))
print(json.dumps({3: 1, 1: 2, 2: 3}, sort_keys=True), json.dumps({"b": 1, "a": {"d": 1, "c": 2}}, sort_keys=True))
print(json.dumps({(1, 2): "tuple key", "ok": 1}, skipkeys=True))
print(json.dumps(True), json.dumps(None), json.dumps(-5), json.dumps(2**100), json.dumps([True, None]))


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


print(json.dumps([Point(1, 2)], default=lambda o: {"x": o.x, "y": o.y}))
print(json.dumps({"p": Point(3, 4)}, default=lambda o: [o.x, o.y], indent=1))
show("not serializable", lambda: json.dumps([Point(1, 2)]))
show("set", lambda: json.dumps({1, 2}))
show("bad key", lambda: json.dumps({(1, 2): 3}))
show("nan not allowed", lambda: json.dumps([float("nan")], allow_nan=False))
show("inf not allowed", lambda: json.dumps(float("inf"), allow_nan=False))
circular = [1]
circular.append(circular)
show("circular list", lambda: json.dumps(circular))
cd = {}
cd["self"] = cd
show("circular dict", lambda: json.dumps(cd))
show("sort mixed keys", lambda: json.dumps({1: 1, "a": 2}, sort_keys=True))
show("unknown keyword", lambda: json.dumps(1, foo=2))
show("positional keyword", lambda: json.dumps(1, True))

# loads
text = json.dumps(doc)
back = json.loads(text)
print(back == {**doc, "tuple": [1, 2.5]}, back["big"], back["ratio"], type(back["tuple"]).__name__)
print(json.loads(json.dumps(doc, indent=3)) == back)
print(json.loads('  [1, -2, 3.5, -0.25e2, 1E3, 0, -0, 1e-2, 12345678901234567890123]  '))
print(json.loads('{"a": {"b": [true, false, null]}, "c": "\\u00e9\\n\\t\\"\\\\\\/", "d": "\\ud83d\\ude00"}'))
print(json.loads('"\\u20ac"'), json.loads("[NaN, Infinity, -Infinity]"), json.loads('{}'), json.loads('[]'))
print(json.loads('{"a": 1, "a": 2}'), json.loads('"é"'), json.loads(' \n\t\r 7 \n'), json.loads("-0.0"))
for bad in ['', ' ', '[', '[1,]', '[1 2]', '{"a" 1}', '{"a": }', '{"a": 1,}', '{1: 2}', '{', '{"a": 1',
            '"abc', '"a\\qb"', '"\\u12"', '"\\uzzzz"', '"a\x01b"', '[1] x', '1.', '01', '-', 'nul', 'tru',
            '{"a": [1, 2}', '\n\n  [1,\n  oops]', '.5', '+1', '"\\', '[1,\n2,\n]', 'nan', '1e', '[-]']:
    try:
        json.loads(bad)
        print(repr(bad), "parsed")
    except json.JSONDecodeError as e:
        print(repr(bad), "->", e, "|", e.msg, e.pos, e.lineno, e.colno)
try:
    json.loads("[1, 2")
except ValueError as e:
    print("a ValueError:", type(e).__name__, isinstance(e, json.JSONDecodeError))
show("loads(5)", lambda: json.loads(5))
show("loads()", lambda: json.loads())


class Sink:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)

    def read(self):
        return "".join(self.parts)


sink = Sink()
json.dump({"k": [1, 2]}, sink, indent=1)
print(sink.read(), json.load(sink))

# the decoder's hooks
print(json.loads('{"a": {"b": 1}}', object_hook=lambda d: sorted(d.items())))
print(json.loads('{"b": 1, "a": [2, {"c": 3}]}', object_pairs_hook=lambda pairs: pairs))
print(json.loads('[1.5, 2, -3e2, NaN, -Infinity]', parse_float=lambda s: "f" + s, parse_int=lambda s: int(s) * 10, parse_constant=lambda s: s.lower()))
show("loads(unknown=)", lambda: json.loads("1", foo=1))
sink2 = Sink()
sink2.write('{"x": 1.25}')
print(json.load(sink2, parse_float=str))
