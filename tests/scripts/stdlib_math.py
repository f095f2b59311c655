# oracle: python3
# The math module (issue #16): the C library's functions as CPython calls them, its
# hypot (vector_norm) and fsum, big-int floor/ceil/factorial/comb/perm, and its errors.
import math
import math as m2
print(m2 is math, math.__name__)
print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
for x in [0.0, 0.5, 1, 2, 10, 1e-300, 12345.678, 2**70]:
    print(x, math.sqrt(x), math.exp(x) if x < 700 else None, math.log(x) if x else None, math.log2(x) if x else None, math.log10(x) if x else None)
    print(math.sin(x), math.cos(x), math.tan(x), math.atan(x), math.sinh(x) if x < 700 else None, math.tanh(x))
print(math.log(10**400), math.log10(10**400), math.log2(2**2000), math.log(10**400, 10), math.log(8, 2), math.log(100, 10))
print(math.asin(0.5), math.acos(0.5), math.atan2(1, -1), math.atan2(-0.0, -1))
print(math.hypot(3, 4), math.hypot(1, 1), math.hypot(1.5, 2.5, 3.5), math.hypot(), math.hypot(-7), math.hypot(1e-320, 1e-320), math.hypot(1e300, 1e300))
for a, b in [(0.1, 0.7), (1e-10, 3.3), (123.456, 7.89), (5, 12), (2.2, 3.3)]:
    print(math.hypot(a, b), math.hypot(a, b, a))
print(math.floor(2.5), math.floor(-2.5), math.ceil(2.5), math.ceil(-2.5), math.trunc(-2.7), math.floor(1e20), math.ceil(-1e300) == -10**300, math.floor(7), math.floor(True))
print(type(math.floor(1.0)), math.fabs(-3), math.copysign(3, -0.0), math.fmod(7, 3), math.fmod(-7, 3), math.fmod(5, math.inf))
print(math.factorial(0), math.factorial(20), math.factorial(30), len(str(math.factorial(1000))))
print(math.gcd(12, 18), math.gcd(), math.gcd(-4, 6, 10), math.gcd(2**100, 6**50), math.lcm(4, 6), math.lcm())
print(math.isqrt(0), math.isqrt(99), math.isqrt(10**40), math.isqrt(2**200 - 1))
print(math.isclose(1.0, 1.0 + 1e-10), math.isclose(1, 1.1), math.isclose(0, 1e-12, abs_tol=1e-9), math.isclose(math.inf, math.inf))
print(math.isfinite(1), math.isinf(-math.inf), math.isnan(math.nan), math.isnan(3))
print(math.degrees(math.pi), math.radians(180), math.degrees(1), math.radians(1))
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]), math.fsum([1e-16, 1, 1e16]), math.fsum([]), math.fsum(range(10)))
print(math.prod([1, 2, 3, 4]), math.prod([]), math.prod([1.5, 2]), math.prod(range(1, 30)), math.prod([2, 3], start=10))
print(math.comb(10, 3), math.comb(52, 5), math.comb(3, 5), math.comb(100, 50), math.perm(5), math.perm(10, 3), math.perm(3, 4))
print(math.pow(2, 10), math.pow(2, -1), math.pow(-8, 1/3) if False else math.pow(4, 0.5), math.pow(0, 0), math.pow(math.inf, -1))
print(math.dist((0, 0), (3, 4)), math.dist([1.5, 2.5, -3], [0.1, 0.2, 0.3]), math.dist([], []), math.dist((1,), (5,)))
print(math.nextafter(1.0, 2.0), math.nextafter(1.0, 0.0), math.nextafter(0.0, -1.0), math.nextafter(3.0, 3.0), math.nextafter(math.inf, 0))
print(math.ulp(1.0), math.ulp(-1e300), math.ulp(0.0), math.ulp(math.inf), math.ulp(1.7976931348623157e308), math.ulp(5e-324))
print(math.frexp(8.0), math.frexp(-0.1), math.frexp(0.0), math.modf(3.25), math.modf(-2.0), math.expm1(1e-10), math.log1p(1e-10))
checks = [
    ('math.sqrt(-1)', lambda: math.sqrt(-1)),
    ('math.log(0)', lambda: math.log(0)),
    ('math.log(-1)', lambda: math.log(-1)),
    ('math.exp(1000)', lambda: math.exp(1000)),
    ("math.sqrt('a')", lambda: math.sqrt('a')),
    ('math.factorial(-1)', lambda: math.factorial(-1)),
    ('math.factorial(2.0)', lambda: math.factorial(2.0)),
    ('math.pow(0, -1)', lambda: math.pow(0, -1)),
    ('math.pow(10, 400)', lambda: math.pow(10, 400)),
    ('math.acos(2)', lambda: math.acos(2)),
    ('math.floor(math.nan)', lambda: math.floor(math.nan)),
    ('math.ceil(math.inf)', lambda: math.ceil(math.inf)),
    ('math.fmod(1, 0)', lambda: math.fmod(1, 0)),
    ('math.isqrt(-1)', lambda: math.isqrt(-1)),
    ('math.comb(-1, 2)', lambda: math.comb(-1, 2)),
    ('math.comb(5, -1)', lambda: math.comb(5, -1)),
    ('math.gcd(1.5)', lambda: math.gcd(1.5)),
    ('math.log(10, 1)', lambda: math.log(10, 1)),
    ('math.fsum([math.inf, -math.inf])', lambda: math.fsum([math.inf, -math.inf])),
    ('math.sin(math.inf)', lambda: math.sin(math.inf)),
    ('math.log(0.0)', lambda: math.log(0.0)),
    ('math.log(-(10**400))', lambda: math.log(-(10**400))),
    ('math.isclose(1, 2, rel_tol=-1)', lambda: math.isclose(1, 2, rel_tol=-1)),
    ("math.floor('x')", lambda: math.floor('x')),
    ('math.cosh(1000)', lambda: math.cosh(1000)),
    ('math.fsum([1e308, 1e308])', lambda: math.fsum([1e308, 1e308])),
    ('math.pow(-8, 1/3)', lambda: math.pow(-8, 1/3)),
    ('math.atanh(1)', lambda: math.atanh(1)),
    ('math.log2(-2)', lambda: math.log2(-2)),
    ('math.factorial(10**20)', lambda: math.factorial(10**20)),
    ('math.dist((1, 2), (1,))', lambda: math.dist((1, 2), (1,))),
    ('math.nextafter("a", 1)', lambda: math.nextafter('a', 1)),
]
for text, f in checks:
    try:
        print(text, f())
    except Exception as e:
        print(text, type(e).__name__, e)
