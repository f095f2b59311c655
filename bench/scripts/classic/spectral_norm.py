# Classic B11: spectral norm — the largest singular value of the infinite matrix
# A[i][j] = 1 / ((i + j) * (i + j + 1) / 2 + i + 1), estimated by the power method on
# AᵀA (the Computer Language Benchmarks Game's `spectralnorm` problem).
# Exercises: function calls in inner loops, int and float arithmetic, list building.
# N is the number of power iterations (each multiplies by AᵀA twice) at size 64.
N = 100

SIZE = 64


def eval_a(i, j):
    ij = i + j
    return 1.0 / (ij * (ij + 1) // 2 + i + 1)


def eval_at(i, j):
    """The entry of Aᵀ: A[j][i]."""
    ij = i + j
    return 1.0 / (ij * (ij + 1) // 2 + j + 1)


def times(entry, u):
    """The product of the matrix whose entries `entry` gives and the vector `u`."""
    n = len(u)
    out = []
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += entry(i, j) * u[j]
        out.append(s)
    return out


def times_ata(u):
    return times(eval_at, times(eval_a, u))


u = [1.0] * SIZE
v = u
for _ in range(N):
    v = times_ata(u)
    u = times_ata(v)

vbv = 0.0
vv = 0.0
for ue, ve in zip(u, v):
    vbv += ue * ve
    vv += ve * ve
print("%.9f" % ((vbv / vv) ** 0.5))
