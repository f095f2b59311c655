# Classic B11: fannkuch-redux — for every permutation of 1..n, count the prefix
# reversals ("pancake flips") until 1 comes first; report the maximum and a checksum
# with alternating signs (the Computer Language Benchmarks Game's `fannkuch-redux`,
# after Anderson and Rettig's "Performing Lisp analysis of the FANNKUCH benchmark").
# Permutations are generated in the counting order of the original (rotations).
# Exercises: list slicing and reversal, small-int arithmetic, while loops.
# N is the number of runs over all permutations of 7 elements.
N = 30

SIZE = 7


def fannkuch(n):
    perm1 = list(range(n))
    count = [0] * n
    max_flips = 0
    checksum = 0
    sign = 1
    r = n
    while True:
        while r != 1:
            count[r - 1] = r
            r -= 1
        perm = perm1[:]
        flips = 0
        k = perm[0]
        while k:
            perm[: k + 1] = perm[k::-1]
            flips += 1
            k = perm[0]
        if flips > max_flips:
            max_flips = flips
        checksum += sign * flips
        sign = -sign
        # Next permutation: rotate the first r+1 elements until a counter is left.
        while True:
            if r == n:
                return checksum, max_flips
            first = perm1[0]
            for i in range(r):
                perm1[i] = perm1[i + 1]
            perm1[r] = first
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1


total = 0
result = None
for _ in range(N):
    result = fannkuch(SIZE)
    total += result[0]
print(result[0], result[1], total)
