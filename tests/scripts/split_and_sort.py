# oracle: python3
# str.split/rsplit with maxsplit (positional and keyword, whitespace and a separator), and
# sorting with reverse=True keeping equal items in their order, as CPython does.
for s in ["a b  c", "  a b c  ", "a", "", "   ", "a\tb\nc d"]:
    for n in [0, 1, 2, 5]:
        print(repr(s), n, s.split(None, n), s.rsplit(None, n), s.split(maxsplit=n), s.rsplit(sep=None, maxsplit=n))
print("a,b,c".split(sep=",", maxsplit=1), "a,b,c".rsplit(",", maxsplit=1))
print(sorted([(1, 'a'), (0, 'b'), (1, 'c'), (0, 'd')], key=lambda t: t[0], reverse=True))
l = [(2, 'x'), (1, 'y'), (2, 'z')]
l.sort(key=lambda t: t[0], reverse=True)
print(l)
