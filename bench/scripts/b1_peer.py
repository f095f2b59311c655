"""B1's CPython peer: build the same graph shape as floe-bench (same formulas, same
LCG), then time copy.deepcopy and a pickle round trip of it with perf_counter_ns.

Usage: python3 b1_peer.py SHAPE N SAMPLES
Prints one line: "<deepcopy median ns/object> <pickle round trip median ns/object>".
Runs in a thread with a large stack: deep chains recurse once per node.
"""
import copy
import pickle
import statistics
import sys
import threading
import time

MASK = (1 << 64) - 1


def edges(shape, n):
    out = [[] for _ in range(n)]
    if shape == "linked_list":
        for i in range(n - 1):
            out[i].append(i + 1)
    elif shape == "doubly_linked_list":
        for i in range(n - 1):
            out[i].append(i + 1)
            out[i + 1].append(i)
    elif shape in ("binary_tree", "tree_leaf_to_root", "tree_parent_pointers"):
        for i in range(n):
            for c in (2 * i + 1, 2 * i + 2):
                if c < n:
                    out[i].append(c)
                    if shape == "tree_parent_pointers":
                        out[c].append(i)
            if shape == "tree_leaf_to_root" and 2 * i + 1 >= n:
                out[i].append(0)
    elif shape == "dense_random_cycles":
        x = 0x9E3779B97F4A7C15
        for i in range(n):
            for _ in range(3):
                x = (x * 6364136223846793005 + 1442695040888963407) & MASK
                out[i].append((x >> 33) % n)
        for i in range(n - 1):
            out[i].append(i + 1)
    else:
        raise SystemExit(f"unknown shape {shape}")
    return out


def build(shape, n):
    nodes = [[i] for i in range(n)]
    for i, targets in enumerate(edges(shape, n)):
        nodes[i].extend(nodes[t] for t in targets)
    return nodes[0]


def main():
    shape, n, samples = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    root = build(shape, n)
    deep, pick = [], []
    for _ in range(samples):
        t = time.perf_counter_ns()
        copy.deepcopy(root)
        deep.append((time.perf_counter_ns() - t) / n)
        t = time.perf_counter_ns()
        pickle.loads(pickle.dumps(root, protocol=pickle.HIGHEST_PROTOCOL))
        pick.append((time.perf_counter_ns() - t) / n)
    print(f"{statistics.median(deep):.2f} {statistics.median(pick):.2f}")


if __name__ == "__main__":
    sys.setrecursionlimit(10_000_000)
    threading.stack_size(1 << 30)
    worker = threading.Thread(target=main)
    worker.start()
    worker.join()
