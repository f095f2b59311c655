# B11: object-heavy loop — instances, attribute reads and writes, method calls.
N = 200000

class Particle:
    def __init__(self, x, v):
        self.x = x
        self.v = v

    def step(self, dt):
        self.x = self.x + self.v * dt
        if self.x > 100 or self.x < 0:
            self.v = -self.v

particles = [Particle(i % 100, (i % 7) - 3) for i in range(1000)]
for t in range(N // 1000):
    for p in particles:
        p.step(1)
total = 0
for p in particles:
    total += p.x
print(total)
