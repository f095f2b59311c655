# oracle: python3
# collections.abc (issue #16): subscripting for annotations, isinstance by the methods an
# ABC names, and deriving from one; globals() lives here too as a smoke check.
from collections.abc import Iterable, Iterator, Mapping, Sequence, Hashable, Callable, Generator, MutableMapping, Sized
import collections.abc
import collections
def f() -> Iterator[int]:
    yield 1
print(isinstance([1], Iterable), isinstance(5, Iterable), isinstance(iter([]), Iterator), isinstance([], Iterator))
print(isinstance({}, Mapping), isinstance([], Mapping), isinstance((), Sequence), isinstance("s", Sequence))
print(isinstance([], Hashable), isinstance((1,), Hashable), isinstance(len, Callable), isinstance(f(), Generator))
print(isinstance({}, MutableMapping), isinstance(range(3), Sized), collections.abc.Iterable is Iterable)
class Mine(Iterable):
    def __iter__(self): return iter([])
print(isinstance(Mine(), Iterable), issubclass(Mine, Iterable), list(f()))
print(sorted(k for k in globals() if k in ("Iterable", "f", "Mine")))
