# oracle: python3
# io.StringIO (issue #16): an in-memory text file, as CPython 3.11 reads and writes it.
import io
from io import StringIO

s = StringIO()
print(s.write("hello "), s.write("world\n"), s.tell())
s.write("second line\nthird")
print(repr(s.getvalue()), s.tell())
s.seek(0)
print(repr(s.readline()), repr(s.read(3)), s.tell(), repr(s.read()), repr(s.read()))
s.seek(0)
print(s.readlines())
s.seek(0)
for line in s:
    print(repr(line))
s.seek(6)
s.write("WORLD")
print(repr(s.getvalue()), s.tell())
s.seek(0, 2)
print(s.tell(), s.seek(0, io.SEEK_SET), s.tell())
print(s.truncate(5), repr(s.getvalue()), s.tell())
s.seek(8)
s.write("x")
print(repr(s.getvalue()))
r = StringIO("a\nb\nc")
print(list(r), repr(r.read()), r.readable(), r.writable(), r.seekable())
r.seek(0)
print(repr(r.readline(1)), repr(r.readline()), r.readlines())
with StringIO("ctx") as w:
    print(w.read(), w.closed)
print(w.closed)
parts = StringIO()
for i in range(5):
    parts.write(str(i))
    parts.write(",")
print(parts.getvalue())
parts.writelines(["x", "y"])
print(parts.getvalue(), StringIO(None).getvalue() == "")
out = StringIO()
print("a", 1, [2], file=out)
print("no newline", end="", file=out)
print(repr(out.getvalue()))
for bad in [lambda: StringIO().write(5), lambda: w.read(), lambda: w.getvalue(),
            lambda: StringIO().seek(-1), lambda: StringIO().seek(1, 1),
            lambda: StringIO().seek(1, 2), lambda: StringIO(5)]:
    try:
        bad()
    except (TypeError, ValueError, OSError) as e:
        print(type(e).__name__, e)
