# Classic B11: a Markov-chain text generator — the idiom of text-processing scripts:
# build word and bigram tables from a corpus, then generate sentences by weighted
# random choice. Exercises: `collections` (defaultdict, Counter with most_common,
# OrderedDict), `itertools` (islice, pairwise-style zip, chain.from_iterable,
# accumulate, groupby), `random` (seed, choices with cum_weights, random),
# `bisect`, str methods, sorting by key.
import random
from bisect import bisect
from collections import Counter, OrderedDict, defaultdict
from itertools import accumulate, chain, groupby, islice

N = 300

CORPUS = """
the quick brown fox jumps over the lazy dog and the dog sleeps in the sun
a region holds mutable objects and one thread owns the region at a time
freezing a graph makes every object immutable and shareable between threads
the fox runs to the region and the thread freezes the graph of the dog
behaviours run on cowns and a cown holds a region or a frozen object
the lazy thread sleeps while the quick behaviour runs on the cown
"""


def tables(text):
    words = text.split()
    follow = defaultdict(Counter)
    for a, b in zip(words, words[1:]):
        follow[a][b] += 1
    return words, follow


def pick(counter):
    items = sorted(counter.items())
    cum = list(accumulate(c for _, c in items))
    r = random.random() * cum[-1]
    return items[bisect(cum, r)][0]


def sentence(follow, start, length):
    word = start
    out = [word]
    for _ in range(length - 1):
        if word not in follow:
            break
        word = pick(follow[word])
        out.append(word)
    return " ".join(out)


def main():
    random.seed(7)
    words, follow = tables(CORPUS)
    freq = Counter(words)
    print("most common:", freq.most_common(5))
    starts = sorted(set(words))
    made = []
    for i in range(N):
        s = sentence(follow, random.choice(starts), 6 + i % 7)
        made.append(s)
    lengths = Counter(len(s.split()) for s in made)
    print("lengths:", sorted(lengths.items()))
    first_letters = OrderedDict()
    for s in sorted(made):
        first_letters.setdefault(s[0], 0)
        first_letters[s[0]] += 1
    print("first letters:", list(first_letters.items())[:8])
    by_len = {k: len(list(g)) for k, g in groupby(sorted(len(w) for w in chain.from_iterable(s.split() for s in made)))}
    print("word lengths:", by_len)
    for s in islice(made, 0, N, max(1, N // 5)):
        print(" ", s)
    weighted = random.choices(["fox", "dog", "cown"], cum_weights=[1, 3, 6], k=12)
    print("choices:", weighted)


main()
