# Classic B11: maze generation and breadth-first search — the idiom of grid-search
# programs (path finding, flood fill). A maze is carved by a randomized depth-first
# search, then solved with BFS over a `collections.deque`, and its dead ends counted.
# Exercises: `random` (seed, shuffle, randrange, choice), `collections` (deque,
# defaultdict, Counter), `itertools` (product, chain), sets of tuples, dicts, generators.
# N is the number of mazes; each is 41 x 41 cells.
import random
from collections import Counter, defaultdict, deque
from itertools import chain, product

N = 6
SIZE = 41
STEPS = ((0, 1), (1, 0), (0, -1), (-1, 0))


def carve(size, rng_seed):
    random.seed(rng_seed)
    open_cells = set()
    start = (1, 1)
    stack = [start]
    open_cells.add(start)
    while stack:
        x, y = stack[-1]
        moves = list(STEPS)
        random.shuffle(moves)
        for dx, dy in moves:
            nx, ny = x + 2 * dx, y + 2 * dy
            if 0 < nx < size - 1 and 0 < ny < size - 1 and (nx, ny) not in open_cells:
                open_cells.add((x + dx, y + dy))
                open_cells.add((nx, ny))
                stack.append((nx, ny))
                break
        else:
            stack.pop()
    # A few extra openings make loops.
    for _ in range(size):
        x, y = random.randrange(1, size - 1), random.randrange(1, size - 1)
        open_cells.add((x, y))
    return open_cells


def neighbours(cell, open_cells):
    x, y = cell
    for dx, dy in STEPS:
        n = (x + dx, y + dy)
        if n in open_cells:
            yield n


def bfs(open_cells, start, goal):
    dist = {start: 0}
    queue = deque([start])
    while queue:
        cell = queue.popleft()
        if cell == goal:
            break
        for n in neighbours(cell, open_cells):
            if n not in dist:
                dist[n] = dist[cell] + 1
                queue.append(n)
    return dist


def describe(open_cells, size):
    degree = Counter(sum(1 for _ in neighbours(c, open_cells)) for c in open_cells)
    rows = defaultdict(int)
    for x, y in open_cells:
        rows[y] += 1
    border = sum(1 for x, y in product(range(size), repeat=2) if (x, y) in open_cells and (x in (1, size - 2) or y in (1, size - 2)))
    return degree, rows, border


def main():
    lengths = []
    for k in range(N):
        cells = carve(SIZE, k)
        goal = (SIZE - 2, SIZE - 2)
        dist = bfs(cells, (1, 1), goal)
        degree, rows, border = describe(cells, SIZE)
        lengths.append(dist.get(goal, -1))
        print(f"maze {k}: open {len(cells)}, path {dist.get(goal, -1)}, reached {len(dist)}, "
              f"dead ends {degree[1]}, junctions {degree[3] + degree[4]}, busiest row {max(rows.values())}, border {border}")
    print("paths:", lengths, "longest first:", sorted(chain(lengths, [0]), reverse=True)[:3])


main()
