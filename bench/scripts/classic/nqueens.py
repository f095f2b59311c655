# Classic B11: N-queens — count every placement of n queens on an n×n board with no two
# attacking, by depth-first backtracking over rows with column and diagonal sets (the
# constraint-search kernel of pyperformance's `nqueens`, written here as the textbook
# backtracking search rather than its permutation filter).
# Exercises: recursion, list-as-stack, boolean lists, set membership, small ints.
# N is the number of times the boards of sizes 4..8 are all solved.
N = 70


def solve(n):
    cols = [False] * n
    diag1 = [False] * (2 * n)
    diag2 = [False] * (2 * n)
    placed = []
    solutions = []

    def place(row):
        if row == n:
            solutions.append(tuple(placed))
            return
        for c in range(n):
            d1 = row + c
            d2 = row - c + n
            if cols[c] or diag1[d1] or diag2[d2]:
                continue
            cols[c] = diag1[d1] = diag2[d2] = True
            placed.append(c)
            place(row + 1)
            placed.pop()
            cols[c] = diag1[d1] = diag2[d2] = False

    place(0)
    return solutions


def distinct(solutions, n):
    # Solutions up to the board's eight symmetries: the smallest of each orbit.
    seen = set()
    for s in solutions:
        forms = []
        board = list(s)
        for _ in range(4):
            board = [n - 1 - board.index(r) for r in range(n)]  # rotate a quarter turn
            forms.append(tuple(board))
            forms.append(tuple(reversed(board)))
        seen.add(min(forms))
    return len(seen)


counts = []
for _ in range(N):
    counts = []
    for n in range(4, 9):
        sols = solve(n)
        counts.append((n, len(sols), distinct(sols, n), sols[0]))
for c in counts:
    print(*c)
