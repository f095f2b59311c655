# oracle: python3
# The itertools module (issue #16): every iterator is lazy (the infinite ones are
# consumed through islice, zip or next), with CPython's edge cases and error messages.
import itertools
from itertools import (accumulate, chain, combinations, combinations_with_replacement,
                       compress, count, cycle, dropwhile, filterfalse, groupby, islice,
                       pairwise, permutations, product, repeat, starmap, takewhile, tee,
                       zip_longest)


def naturals():
    n = 0
    while True:
        yield n
        n += 1


def show(name, f):
    try:
        print(name, f())
    except Exception as e:
        print(name, type(e).__name__, e)


# count, cycle, repeat: infinite, so lazy.
print(list(islice(count(), 5)), list(islice(count(10), 3)), list(islice(count(10, -3), 4)))
print(list(islice(count(0.5, 0.25), 4)), list(islice(count(1, 0.1), 4)))
print(list(islice(count(2**62, 2**62), 3)), list(islice(count(-2**70, 2**69), 3)))
print(list(islice(count(start=3, step=2), 3)), list(zip("abc", count(1))))
c = count(True)
print(next(c), next(c), type(c).__name__, type(c))
print(list(islice(cycle("abc"), 8)), list(cycle([])), list(islice(cycle(naturals()), 4)))
g = (x * x for x in range(3))
print(list(islice(cycle(g), 7)))
print(list(repeat(7, 3)), list(repeat("x", 0)), list(repeat(1, -5)), list(islice(repeat(None), 2)))
print(list(repeat(object=2, times=2)), list(map(pow, range(5), repeat(2))))

# chain
print(list(chain([1, 2], "ab", (3,), range(2))), list(chain()), list(chain([], [])))
print(list(chain.from_iterable(["ab", [1], range(2)])), list(islice(chain.from_iterable(repeat("xy")), 5)))
print(list(islice(chain([0], naturals()), 4)))
bad = chain([1], 5)
print(next(bad))
show("chain of a non-iterable", lambda: next(bad))

# islice
print(list(islice("abcdefg", 2)), list(islice("abcdefg", 2, 4)), list(islice("abcdefg", 2, None)))
print(list(islice("abcdefg", 0, None, 2)), list(islice("abcdefg", 1, 6, 3)), list(islice("abc", 10)))
print(list(islice("abc", None)), list(islice("abc", None, None, None)), list(islice("abc", 5, 10)))
gen = naturals()
print(list(islice(gen, 3, 6)), next(gen), list(islice(gen, 0)), next(gen))
it = iter(range(10))
print(list(islice(it, 1, 7, 2)), next(it))
print(list(islice(range(100), 3, 30, 7)), list(islice(range(5), 4, 2)), list(islice(range(3), True, None)))

# accumulate
print(list(accumulate([1, 2, 3, 4])), list(accumulate([])), list(accumulate("abc")))
print(list(accumulate([1, 2, 3], lambda a, b: a * b, initial=10)), list(accumulate([], initial=5)))
print(list(accumulate([3, 1, 4, 1, 5], max)), list(accumulate([1.5, 2, 3], func=None)))
print(list(islice(accumulate(naturals()), 5)), list(accumulate([[1], [2]], initial=None)))

# the combinatoric iterators
print(list(product("ab", "xy")), list(product()), list(product("ab", [])), list(product(repeat=3)))
print(list(product("ab", repeat=2)), list(product(range(2), "a", repeat=2)), list(product("ab", repeat=0)))
print(list(permutations(range(3))), list(permutations("abc", 2)), list(permutations("ab", 3)))
print(list(permutations([])), list(permutations("abc", 0)), list(permutations("abcd", None))[-3:])
print(len(list(permutations(range(6)))), len(list(permutations(range(7), 3))))
print(list(combinations("abcd", 2)), list(combinations("abc", 0)), list(combinations("ab", 3)))
print(list(combinations([], 0)), list(combinations(range(5), 5)), len(list(combinations(range(10), 4))))
print(list(combinations_with_replacement("abc", 2)), list(combinations_with_replacement([], 0)))
print(list(combinations_with_replacement([], 2)), list(combinations_with_replacement("ab", 0)))
print(len(list(combinations_with_replacement(range(6), 4))), list(combinations(r=2, iterable="xyz")))
p = permutations([1, 2, 3])
print(next(p), next(p), list(p), list(p))

# groupby
for k, grp in groupby("aaabbcaa"):
    print(k, list(grp))
print([(k, list(grp)) for k, grp in groupby([1, 3, 2, 4, 5, 7, 6], key=lambda x: x % 2)])
print([k for k, _ in groupby("aabbbc")], list(groupby([])), [k for k, _ in groupby([1, 1.0, True, 2])])
groups = list(groupby("aabbc"))
print([(k, list(grp)) for k, grp in groups])
gb = groupby("aaabbb")
k1, g1 = next(gb)
print(k1, next(g1))
k2, g2 = next(gb)
print(k2, list(g1), list(g2), list(gb))
gb = groupby(range(10), key=lambda x: x // 3)
k, first = next(gb)
print(k, next(first), next(first))
print([(k, list(grp)) for k, grp in gb])
print([(k, len(list(grp))) for k, grp in islice(groupby(naturals(), lambda x: x // 4), 3)])
words = ["apple", "avocado", "banana", "blueberry", "cherry"]
print({k: list(v) for k, v in groupby(words, key=lambda w: w[0])})

# zip_longest, starmap, takewhile, dropwhile, filterfalse, compress
print(list(zip_longest("abc", [1])), list(zip_longest("ab", "xyz", fillvalue="-")))
print(list(zip_longest()), list(zip_longest([])), list(zip_longest([1], [], [2, 3], fillvalue=0)))
print(list(islice(zip_longest(naturals(), "ab"), 4)))
print(list(starmap(pow, [(2, 3), (3, 2)])), list(starmap(max, ["ab", [3, 1]])), list(starmap(lambda: 1, [()])))
print(list(takewhile(lambda x: x < 3, [1, 2, 5, 1])), list(takewhile(bool, [])), list(takewhile(lambda x: x < 4, naturals())))
print(list(dropwhile(lambda x: x < 3, [1, 2, 5, 1])), list(dropwhile(bool, [1, 1])), list(islice(dropwhile(lambda x: x < 5, naturals()), 2)))
tw = takewhile(lambda x: x < 2, iter([0, 1, 2, 3, 0]))
print(list(tw), list(tw))
print(list(filterfalse(None, [0, 1, "", "a", [], None])), list(filterfalse(lambda x: x % 3, range(10))))
print(list(compress("abcdef", [1, 0, 1, 1])), list(compress("ab", [1, 1, 1, 1])), list(compress(naturals(), [0, 1, 0, 1])))
print(list(compress(data=range(5), selectors=cycle([True, False]))))

# tee
a, b = tee(iter([1, 2, 3]))
print(next(a), list(b), list(a), list(b))
print(tee("ab", 0), len(tee("ab", 3)), [list(t) for t in tee("abc", 3)])
x, y = tee(naturals())
print([next(x) for _ in range(5)], [next(y) for _ in range(3)], next(x), next(y))
print(list(islice(x, 2)), type(x).__name__)
first, second = tee(range(4))
print(list(zip(first, second)))

# pairwise
print(list(pairwise("abcd")), list(pairwise("a")), list(pairwise([])), list(islice(pairwise(naturals()), 3)))

# the objects are iterators
for obj in [count(), cycle("a"), repeat(1), chain(), islice("a", 1), accumulate([]), product(),
            permutations(""), combinations("", 0), combinations_with_replacement("", 0),
            groupby(""), zip_longest(), starmap(len, []), takewhile(len, []), dropwhile(len, []),
            filterfalse(len, []), compress("", ""), tee("")[0], pairwise("")]:
    print(type(obj).__name__, iter(obj) is obj, end="; ")
print()

# errors, with CPython's messages
show("count('a')", lambda: count("a"))
show("count(1, 'a')", lambda: count(1, "a"))
show("count(1, 2, 3)", lambda: count(1, 2, 3))
show("count(x=1)", lambda: count(x=1))
show("cycle()", lambda: cycle())
show("cycle(1)", lambda: cycle(1))
show("cycle([], [])", lambda: cycle([], []))
show("cycle(x=1)", lambda: cycle([], x=1))
show("repeat()", lambda: repeat())
show("repeat(1, 'a')", lambda: repeat(1, "a"))
show("repeat(1, 2, 3)", lambda: repeat(1, 2, 3))
show("repeat(1, object=2)", lambda: repeat(1, object=2))
show("chain(x=1)", lambda: chain(x=[1]))
show("chain.from_iterable()", lambda: chain.from_iterable())
show("chain.from_iterable(1)", lambda: chain.from_iterable(1))
show("islice([1])", lambda: islice([1]))
show("islice(5 args)", lambda: islice([1], 1, 2, 3, 4))
show("islice(stop='a')", lambda: islice([1], "a"))
show("islice(stop=-1)", lambda: islice([1], -1))
show("islice(stop=-5)", lambda: islice([1], -5))
show("islice(start=-1)", lambda: islice([1], -1, 2))
show("islice(start='a')", lambda: islice([1], "a", 2))
show("islice(stop=2**64)", lambda: islice([1], 0, 2**64))
show("islice(step=0)", lambda: islice([1], 1, 2, 0))
show("islice(step='a')", lambda: islice([1], 1, 2, "a"))
show("islice(5, 1)", lambda: islice(5, 1))
show("islice(kw)", lambda: islice([1], 1, x=2))
show("accumulate()", lambda: accumulate())
show("accumulate(3 args)", lambda: accumulate([1], None, 3))
show("accumulate(foo=)", lambda: accumulate([1], foo=1))
show("accumulate(mixed)", lambda: list(accumulate([1, "a"])))
show("accumulate(5)", lambda: accumulate(5))
show("product(1)", lambda: product(1))
show("product(repeat=-1)", lambda: product([1], repeat=-1))
show("product(repeat='a')", lambda: product(repeat="a"))
show("product(foo=)", lambda: product([1], foo=1))
show("permutations()", lambda: permutations())
show("permutations(r=-1)", lambda: permutations([1], -1))
show("permutations(r='a')", lambda: permutations([1], "a"))
show("permutations(r=1.0)", lambda: permutations([1], 1.0))
show("combinations([1])", lambda: combinations([1]))
show("combinations(r=-1)", lambda: combinations([1], -1))
show("combinations(r='a')", lambda: combinations([1], "a"))
show("combinations(3 args)", lambda: combinations([1], 2, 3))
show("cwr(r=-2)", lambda: combinations_with_replacement([1], -2))
show("groupby()", lambda: groupby())
show("groupby(3 args)", lambda: groupby([1], len, 3))
show("groupby(bad key)", lambda: list(groupby([1, 2], key=len)))
show("zip_longest(1)", lambda: zip_longest(1))
show("zip_longest(foo=)", lambda: zip_longest([1], foo=1))
show("starmap(len)", lambda: starmap(len))
show("starmap(3 args)", lambda: starmap(len, [1], [2]))
show("starmap(non-tuple)", lambda: list(starmap(len, [1])))
show("takewhile(len)", lambda: takewhile(len))
show("dropwhile(len)", lambda: dropwhile(len))
show("filterfalse(len)", lambda: filterfalse(len))
show("compress([1])", lambda: compress([1]))
show("compress(3 args)", lambda: compress([1], [2], [3]))
show("compress(data=)", lambda: compress([1], data=[2]))
show("tee(n=-1)", lambda: tee([1], -1))
show("tee(1)", lambda: tee(1))
show("tee(n='x')", lambda: tee([1], "x"))
show("tee(3 args)", lambda: tee([1], 2, 3))
show("tee(n=2)", lambda: tee([1], n=2))
show("pairwise()", lambda: pairwise())
show("pairwise(2 args)", lambda: pairwise([1], [2]))
show("pairwise(1)", lambda: pairwise(1))
show("next(exhausted)", lambda: next(islice("", 1)))
