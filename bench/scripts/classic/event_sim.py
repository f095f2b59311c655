# Classic B11: a discrete-event simulation — the idiom of SimPy-style models: customer
# processes written as generators that yield delays, a `heapq` event queue, counters
# kept by `with` blocks (context managers that claim and release a server), and
# dataclass records ordered by time. Exercises: generators driven by `send`,
# `heapq`, `with` (with an exception suppressed by `__exit__`), `dataclasses`
# (order=True, field defaults), `random` (expovariate, seed), `statistics` by hand.
import heapq
import random
from dataclasses import dataclass, field

N = 2000


@dataclass(order=True)
class Event:
    time: float
    seq: int
    name: str = field(compare=False)


class Balked(Exception):
    pass


class Server:
    def __init__(self, capacity):
        self.capacity = capacity
        self.busy = 0
        self.served = 0
        self.balked = 0

    def claim(self):
        return Claim(self)


class Claim:
    def __init__(self, server):
        self.server = server

    def __enter__(self):
        if self.server.busy >= self.server.capacity:
            raise Balked()
        self.server.busy += 1
        return self

    def __exit__(self, kind, value, tb):
        self.server.busy -= 1
        if kind is None:
            self.server.served += 1
        return False


class Sim:
    def __init__(self):
        self.now = 0.0
        self.queue = []
        self.seq = 0
        self.waits = []

    def schedule(self, delay, name, process):
        self.seq += 1
        heapq.heappush(self.queue, (Event(self.now + delay, self.seq, name), process))

    def run(self):
        while self.queue:
            event, process = heapq.heappop(self.queue)
            self.now = event.time
            try:
                delay = process.send(self.now)
            except StopIteration:
                continue
            self.schedule(delay, event.name, process)


def customer(sim, server, name, patience):
    arrived = yield 0.0
    while True:
        try:
            with server.claim():
                sim.waits.append(sim.now - arrived)
                yield random.expovariate(1.0 / 3.0)
            return
        except Balked:
            if sim.now - arrived > patience:
                server.balked += 1
                return
            yield 0.5


def main():
    random.seed(2024)
    sim = Sim()
    server = Server(3)
    t = 0.0
    for i in range(N):
        t += random.expovariate(1.0)
        gen = customer(sim, server, f"c{i}", patience=2.0 + (i % 5))
        next(gen)
        sim.schedule(t, f"c{i}", gen)
    sim.run()
    waits = sorted(sim.waits)
    mean = sum(waits) / len(waits)
    print("served", server.served, "balked", server.balked, "busy at end", server.busy)
    print("mean wait", round(mean, 6), "median", round(waits[len(waits) // 2], 6), "max", round(waits[-1], 6))
    print("end time", round(sim.now, 6), "events", sim.seq)
    print(Event(1.0, 2, "a") < Event(1.0, 3, "b"), Event(2.0, 1, "x") > Event(1.5, 9, "y"))


main()
