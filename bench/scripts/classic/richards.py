# Classic B11: Richards — Martin Richards' simulation of an operating-system task
# scheduler (an idle task, a work task, two packet handlers and two devices passing
# packets through priority-ordered queues), the benchmark used to compare BCPL, Smalltalk
# and Python implementations since the 1980s. Written here from the algorithm's
# description: tasks are objects of four subclasses whose `step` methods return the
# next task to run.
# Exercises: polymorphic method calls, attribute reads and writes, linked lists, None.
# N is the number of scheduler runs (each starts from a fresh set of tasks).
N = 80

IDLE, WORK, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = 0, 1, 2, 3, 4, 5
KIND_DEVICE, KIND_WORK = 0, 1
BUFSIZE = 4
IDLE_COUNT = 1000


class Packet:
    def __init__(self, link, ident, kind):
        self.link = link
        self.ident = ident
        self.kind = kind
        self.datum = 0
        self.data = [0] * BUFSIZE

    def append_to(self, queue):
        self.link = None
        if queue is None:
            return self
        p = queue
        while p.link is not None:
            p = p.link
        p.link = self
        return queue


class Task:
    def __init__(self, sched, ident, priority, queue):
        self.sched = sched
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.packet_pending = queue is not None
        self.waiting = False
        self.holding = False
        self.link = sched.tasks
        sched.tasks = self
        sched.table[ident] = self

    def held_or_waiting(self):
        return self.holding or (not self.packet_pending and self.waiting)

    def run(self):
        packet = None
        if self.packet_pending and self.waiting and not self.holding:
            packet = self.queue
            self.queue = packet.link
            self.packet_pending = self.queue is not None
            self.waiting = False
        return self.step(packet)

    def add_packet(self, packet, current):
        if self.queue is None:
            self.queue = packet
            self.packet_pending = True
            if self.priority > current.priority:
                return self
        else:
            self.queue = packet.append_to(self.queue)
        return current

    # The kernel calls a task makes on itself.
    def wait(self):
        self.waiting = True
        return self

    def hold(self):
        self.sched.hold_count += 1
        self.holding = True
        return self.link

    def release(self, ident):
        t = self.sched.table[ident]
        t.holding = False
        if t.priority > self.priority:
            return t
        return self

    def send(self, packet):
        t = self.sched.table[packet.ident]
        self.sched.packet_count += 1
        packet.link = None
        packet.ident = self.ident
        return t.add_packet(packet, self)


class IdleTask(Task):
    def __init__(self, sched, ident, priority, queue, count):
        Task.__init__(self, sched, ident, priority, queue)
        self.control = 1
        self.count = count

    def step(self, packet):
        self.count -= 1
        if self.count == 0:
            return self.hold()
        if self.control & 1 == 0:
            self.control = self.control >> 1
            return self.release(DEVICE_A)
        self.control = (self.control >> 1) ^ 0xD008
        return self.release(DEVICE_B)


class WorkTask(Task):
    def __init__(self, sched, ident, priority, queue):
        Task.__init__(self, sched, ident, priority, queue)
        self.destination = HANDLER_A
        self.count = 0

    def step(self, packet):
        if packet is None:
            return self.wait()
        self.destination = HANDLER_B if self.destination == HANDLER_A else HANDLER_A
        packet.ident = self.destination
        packet.datum = 0
        for i in range(BUFSIZE):
            self.count += 1
            if self.count > 26:
                self.count = 1
            packet.data[i] = 64 + self.count
        return self.send(packet)


class HandlerTask(Task):
    def __init__(self, sched, ident, priority, queue):
        Task.__init__(self, sched, ident, priority, queue)
        self.work_in = None
        self.device_in = None

    def step(self, packet):
        if packet is not None:
            if packet.kind == KIND_WORK:
                self.work_in = packet.append_to(self.work_in)
            else:
                self.device_in = packet.append_to(self.device_in)
        work = self.work_in
        if work is not None:
            count = work.datum
            if count >= BUFSIZE:
                self.work_in = work.link
                return self.send(work)
            device = self.device_in
            if device is not None:
                self.device_in = device.link
                device.datum = work.data[count]
                work.datum = count + 1
                return self.send(device)
        return self.wait()


class DeviceTask(Task):
    def __init__(self, sched, ident, priority, queue):
        Task.__init__(self, sched, ident, priority, queue)
        self.pending = None

    def step(self, packet):
        if packet is None:
            if self.pending is None:
                return self.wait()
            p = self.pending
            self.pending = None
            return self.send(p)
        self.pending = packet
        self.sched.trace.append(packet.datum)
        return self.hold()


class Scheduler:
    def __init__(self):
        self.tasks = None
        self.table = [None] * 6
        self.hold_count = 0
        self.packet_count = 0
        self.trace = []

    def schedule(self):
        t = self.tasks
        while t is not None:
            if t.held_or_waiting():
                t = t.link
            else:
                t = t.run()


def run_once():
    s = Scheduler()
    IdleTask(s, IDLE, 0, None, IDLE_COUNT)
    q = Packet(None, WORK, KIND_WORK)
    q = Packet(q, WORK, KIND_WORK)
    w = WorkTask(s, WORK, 1000, q)
    w.waiting = True
    for handler, device, priority in ((HANDLER_A, DEVICE_A, 2000), (HANDLER_B, DEVICE_B, 3000)):
        q = Packet(None, device, KIND_DEVICE)
        q = Packet(q, device, KIND_DEVICE)
        q = Packet(q, device, KIND_DEVICE)
        h = HandlerTask(s, handler, priority, q)
        h.waiting = True
    for device, priority in ((DEVICE_A, 4000), (DEVICE_B, 5000)):
        d = DeviceTask(s, device, priority, None)
        d.waiting = True
    s.schedule()
    return s


checksum = 0
for _ in range(N):
    s = run_once()
    checksum = (checksum * 31 + s.hold_count * 7 + s.packet_count + sum(s.trace)) % 1000000007
print(s.hold_count, s.packet_count, len(s.trace), checksum)
