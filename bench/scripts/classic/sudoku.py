# Classic B11: a sudoku solver — constraint propagation by candidate sets and
# depth-first search on the cell with the fewest candidates (Norvig's well-known
# approach, written here with per-unit digit sets rather than string grids).
# Exercises: sets (difference, membership, len), list copies, recursion, str building.
# N is the number of puzzles solved (the three puzzles below, in turn: easy, hard, a 17-clue one).
N = 9

PUZZLES = [
    "530070000600195000098000060800060003400803001700020006060000280000419005000080079",
    "400000805030000000000700000020000060000080400000010000000603070500200000104000000",
    "000000010400000000020000000000050407008000300001090000300400200050100000000806000",
]

ROWS = [[r * 9 + c for c in range(9)] for r in range(9)]
COLS = [[r * 9 + c for r in range(9)] for c in range(9)]
BOXES = [
    [(br * 3 + r) * 9 + bc * 3 + c for r in range(3) for c in range(3)]
    for br in range(3)
    for bc in range(3)
]
PEERS = []
for cell in range(81):
    peers = set(ROWS[cell // 9] + COLS[cell % 9] + BOXES[(cell // 27) * 3 + (cell % 9) // 3])
    peers.discard(cell)
    PEERS.append(sorted(peers))
DIGITS = set(range(1, 10))


class Solver:
    def __init__(self):
        self.guesses = 0

    def candidates(self, grid, cell):
        return DIGITS - {grid[p] for p in PEERS[cell]}

    def solve(self, grid):
        best, best_options = -1, None
        for cell in range(81):
            if grid[cell] == 0:
                options = self.candidates(grid, cell)
                if not options:
                    return None
                if best_options is None or len(options) < len(best_options):
                    best, best_options = cell, options
                    if len(options) == 1:
                        break
        if best < 0:
            return grid
        for d in sorted(best_options):
            self.guesses += 1
            grid[best] = d
            result = self.solve(grid)
            if result is not None:
                return result
        grid[best] = 0
        return None


def valid(grid):
    return all([set(grid[i] for i in unit) == DIGITS for unit in ROWS + COLS + BOXES])


total_guesses = 0
lines = []
for k in range(N):
    puzzle = PUZZLES[k % len(PUZZLES)]
    s = Solver()
    solved = s.solve([int(ch) for ch in puzzle])
    total_guesses += s.guesses
    lines.append("".join([str(d) for d in solved[:9]]) + " " + str(valid(solved)) + " " + str(s.guesses))
for line in lines[: len(PUZZLES)]:
    print(line)
print(total_guesses)
