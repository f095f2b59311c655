# oracle: python3
# The string, typing and gc modules (issue #16): string's constants and capwords;
# typing's names as annotations use them (floe checks no types); gc's switches.
import gc
import string
import typing
from typing import (Any, Callable, Dict, Generic, Iterable, Iterator, List, Optional, Protocol,
                    Sequence, Set, Tuple, TypeVar, Union, cast)

for name in ["ascii_letters", "ascii_lowercase", "ascii_uppercase", "digits", "hexdigits",
             "octdigits", "punctuation", "whitespace", "printable"]:
    value = getattr(string, name)
    print(name, repr(value), len(value))
print(string.capwords("  hello   wORLD  of python "), string.capwords("a-b-c", "-"), repr(string.capwords("")))
print(string.capwords("x, y", ", "), "".join(c for c in "a1b2!" if c in string.digits))

T = TypeVar("T")
Number = Union[int, float]


class Stack(Generic[T]):
    def __init__(self) -> None:
        self.items: List[T] = []

    def push(self, item: T) -> None:
        self.items.append(item)

    def pop(self) -> T:
        return self.items.pop()


class Greeter(Protocol):
    def greet(self) -> str:
        pass


def total(xs: Iterable[Number], scale: Optional[float] = None) -> float:
    s = sum(xs)
    return s * scale if scale is not None else s


def apply(f: Callable[[int], int], xs: Sequence[int]) -> Dict[str, Tuple[int, ...]]:
    return {"out": tuple(f(x) for x in xs)}


s: Stack[int] = Stack()
s.push(1)
s.push(2)
print(s.pop(), total([1, 2.5]), total([1, 2], 2.0), apply(lambda x: x * x, [1, 2, 3]))
print(cast(int, "not checked"), cast(List[str], [1]), typing.TYPE_CHECKING)
print(List, List[int], Dict[str, List[int]], Optional[int], Union[int, str], Callable[[int], str])
print(TypeVar("T"), Any, Set["X"], Iterator[Any], Tuple[int, str], typing.Type[int], Union[int, None])
print(isinstance(s, Stack), issubclass(Stack, object), Stack.__name__)


@typing.overload
def f(x: int) -> int:
    pass


@typing.final
def g() -> Set[int]:
    return {1}


print(g())

print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled(), isinstance(gc.collect(), int), isinstance(gc.collect(0), int))


class Node:
    def __init__(self):
        self.me = self


for _ in range(100):
    Node()
print(gc.collect() >= 0)
for call in [lambda: gc.collect(3), lambda: gc.collect(-1), lambda: gc.isenabled(1), lambda: gc.enable(1)]:
    try:
        call()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
