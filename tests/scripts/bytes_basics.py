# oracle: python3
# bytes and bytearray basics.
def err(f):
    try:
        print(f())
    except Exception as e:
        # "0x.." would read as an address to the test's normaliser: print the byte bare.
        print(type(e).__name__ + ":", str(e).replace("byte 0x", "byte "))

b = b"hello"
print(b, repr(b), type(b).__name__, len(b), b[0], b[-1], b[1:3], b[::-1], b[10:])
print(list(b), 104 in b, b"ell" in b, b"" in b, b"x" in b, bool(b), bool(b""))
print(b + b" world", b * 2, 2 * b"ab", b == b"hello", b != b"x", b < b"help", b"a" <= b"a")
print(b.decode(), b.decode("ascii"), "héllo".encode(), "héllo".encode("utf-8").decode("utf-8"))
print(bytes(3), bytes([65, 66, 67]), bytes(range(3)), bytes("abc", "ascii"), bytes(b"xy"), bytes())
print(b'\x00\xff\n\t\\', b"it's", b'say "hi"', b"both ' and \"", b"\x7f")
print(b.hex(), b.startswith(b"he"), b.endswith(b"lo"), b.find(b"l"), b.find(b"z"), b.count(b"l"))
print(b", ".join([b"a", b"b"]), b.upper(), b"ABC".lower())
print({b"k": 1}[b"k"], hash(b"abc") == hash(bytes([97, 98, 99])), b"abc" == "abc")
err(lambda: b[5])
err(lambda: bytes([256]))
err(lambda: bytes("x"))
err(lambda: b"\xff".decode())
err(lambda: b"ab\xc3".decode())
err(lambda: b"\xc3\x28".decode("utf-8"))
err(lambda: "é".encode("ascii"))
err(lambda: b"abc".decode("rot13x"))
err(lambda: b + "s")
err(lambda: "s" in b)
err(lambda: bytes(-1))

ba = bytearray(b"abc")
alias = ba
ba.append(100)
ba += b"ef"
ba.extend([103])
ba[0] = 65
print(ba, alias is ba, len(ba), ba[1], ba[-1], ba[1:3], list(ba[:2]), type(ba).__name__)
print(ba.pop(), ba.pop(0), ba, ba.decode(), bytes(ba), ba == b"bcdef", b"bcdef" == ba)
print(bytearray(2), bytearray([1, 2]), bytearray(), bytearray("hi", "utf-8"), ba + b"!", b"!" + ba)
c = ba.copy()
c.clear()
print(c, ba, bool(c), 99 in ba)
err(lambda: {ba: 1})
err(lambda: ba.append(300))
def setbad():
    ba[0] = 256
err(setbad)
for x in b"AB":
    print(x)
