# Classic B11: an inventory ledger — the idiom of business-logic scripts: records as
# named tuples and enums, JSON in and out, grouping and totals, copies of nested state.
# Exercises: `json` (loads, dumps with indent and sort_keys), `enum` (Enum, auto,
# lookup by value and name), `collections.namedtuple` (_replace, _asdict), `copy`
# (deepcopy), `string` (ascii_uppercase), `typing` annotations, `io.StringIO` as a
# print target, dict and list comprehensions, sorted with tuple keys.
import copy
import io
import json
import string
from collections import namedtuple
from enum import Enum, auto
from typing import Dict, List, Optional

N = 150


class Kind(Enum):
    TOOL = auto()
    PART = auto()
    BOOK = auto()


Item = namedtuple("Item", ["sku", "kind", "price", "qty"])


def make_catalogue(n: int) -> List[Item]:
    out = []
    x = 17
    for i in range(n):
        x = (x * 48271) % 2147483647
        sku = string.ascii_uppercase[x % 26] + string.ascii_uppercase[(x // 26) % 26] + str(i)
        kind = Kind((x % 3) + 1)
        out.append(Item(sku, kind, round((x % 10000) / 100, 2), x % 50))
    return out


def to_json(items: List[Item]) -> str:
    rows = [dict(item._asdict(), kind=item.kind.name) for item in items]
    return json.dumps({"items": rows, "count": len(rows)}, sort_keys=True)


def from_json(text: str) -> List[Item]:
    data = json.loads(text)
    return [Item(r["sku"], Kind[r["kind"]], r["price"], r["qty"]) for r in data["items"]]


def totals(items: List[Item]) -> Dict[str, float]:
    out: Dict[str, float] = {}
    for item in items:
        out[item.kind.name] = round(out.get(item.kind.name, 0.0) + item.price * item.qty, 2)
    return out


def find(items: List[Item], sku: str) -> Optional[Item]:
    for item in items:
        if item.sku == sku:
            return item
    return None


def main():
    items = make_catalogue(N + 12)
    for _ in range(20):
        items = from_json(to_json(items))
    print("round trip equal:", items == make_catalogue(N + 12))
    print("totals:", json.dumps(totals(items), sort_keys=True))
    restocked = [i._replace(qty=i.qty + 10) if i.qty < 5 else i for i in items]
    print("restocked:", sum(1 for a, b in zip(items, restocked) if a != b))
    state = {"items": [list(i) for i in items[:3]], "meta": {"tags": ["a", "b"]}}
    snapshot = copy.deepcopy(state)
    state["meta"]["tags"].append("c")
    print("deepcopy kept:", snapshot["meta"]["tags"], "now:", state["meta"]["tags"])
    top = sorted(items, key=lambda i: (-i.price * i.qty, i.sku))[:3]
    buf = io.StringIO()
    for i in top:
        print(i.sku, i.kind, i.price, i.qty, sep=" | ", file=buf)
    print(buf.getvalue(), end="")
    print(json.dumps({"first": items[0]._asdict() | {"kind": items[0].kind.value}}, indent=2))
    print(find(items, items[7].sku), find(items, "nope"), Kind.BOOK, repr(Kind.TOOL))


main()
