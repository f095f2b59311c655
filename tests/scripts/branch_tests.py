# oracle: python3
# Tests of if, while, conditional expressions, comprehension filters and assert compile
# to jumps (and/or/not as branches, comparisons fused with their jump): operands are
# evaluated, and their truth asked, once each and in order, as CPython does.
log = []
def t(x, name):
    log.append(name)
    return x
class Weird:
    def __bool__(self):
        log.append("bool")
        return False
for a in (0, 1):
    for b in (0, 1):
        for c in (0, 1):
            log.clear()
            if t(a, "a") and t(b, "b") or not t(c, "c"):
                r = "yes"
            else:
                r = "no"
            x = "y" if (t(a, "a2") or t(b, "b2")) and not (t(c, "c2") and t(a, "a3")) else "n"
            n = 0
            while t(n < 2, "w") and (t(a, "wa") or t(b, "wb")):
                n += 1
            print(a, b, c, r, x, n, log)
log.clear()
if Weird() or Weird():
    print("odd")
print(log)
print([i for i in range(10) if i % 2 and not i % 3 or i == 4])
try:
    assert t(1, "x") and t(0, "y"), "failed"
except AssertionError as e:
    print("assert", e, log)
print(1 if not (1 < 2 < 3) else 2, [x for x in range(5) if 1 < x < 4])
