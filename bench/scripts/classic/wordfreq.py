# Classic B11: word frequencies — generate text from a seeded linear congruential
# generator over a syllable table, then split it into words, count them in a dict,
# find the most common words and the most common letter pairs (the dict- and
# string-heavy kind of program that pyperformance's text benchmarks time).
# Exercises: string concatenation and join, split, dict get/update, sorted with a key,
# string slicing.
# N is the number of words generated.
N = 100000

SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "ta", "shi", "po", "an", "el", "or", "ix"]


def generate(n, seed):
    """`n` words, twelve to a line."""
    state = seed
    lines = []
    line = []
    for _ in range(n):
        state = (state * 1103515245 + 12345) % 2147483648
        length = 1 + (state >> 16) % 3
        parts = []
        for _ in range(length):
            state = (state * 1103515245 + 12345) % 2147483648
            parts.append(SYLLABLES[(state >> 16) % len(SYLLABLES)])
        line.append("".join(parts))
        if len(line) == 12:
            lines.append(" ".join(line))
            line = []
    if line:
        lines.append(" ".join(line))
    return "\n".join(lines)


text = generate(N, 2026)
counts = {}
pairs = {}
longest = ""
for line in text.split("\n"):
    for word in line.split():
        counts[word] = counts.get(word, 0) + 1
        if len(word) > len(longest) or (len(word) == len(longest) and word < longest):
            longest = word
        for i in range(len(word) - 1):
            pair = word[i:i + 2]
            pairs[pair] = pairs.get(pair, 0) + 1
top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
top_pairs = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
print(len(counts), longest, top)
print(top_pairs, sum(counts.values()), len(text))
