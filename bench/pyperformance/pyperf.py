"""A stand-in for the `pyperf` package, so pyperformance's benchmark programs run
unmodified under floe (which has no `argparse`, `subprocess` or `statistics`): each
benchmark function runs once, with its arguments' defaults, and the checker compares
what floe and CPython print.

Only what the benchmarks use: `Runner` (with `argparser.add_argument`, `parse_args`,
`metadata`, `bench_func`, `bench_time_func`, `bench_command` is not), and
`perf_counter`.
"""

import time

perf_counter = time.perf_counter


class _Args:
    """The parsed arguments: every option at its default."""


class _ArgParser:
    """Records options' defaults (the benchmarks' `runner.argparser`)."""

    def __init__(self):
        self.defaults = {}

    def add_argument(self, *names, **options):
        name = None
        for n in names:
            if n.startswith("--"):
                name = n[2:].replace("-", "_")
                break
        if name is None:
            name = options.get("dest") or names[0].lstrip("-").replace("-", "_")
        if "dest" in options:
            name = options["dest"]
        default = options.get("default")
        if options.get("action") == "store_true" and default is None:
            default = False
        if options.get("nargs") in ("*", "+") and default is None:
            default = []
        self.defaults[name] = default


class Runner:
    """Runs each benchmark once; `loops` is 1 for a time function."""

    def __init__(self, *args, **kwargs):
        self.metadata = {}
        self.argparser = _ArgParser()

    def parse_args(self, args=None):
        parsed = _Args()
        for name, value in self.argparser.defaults.items():
            setattr(parsed, name, value)
        return parsed

    def bench_func(self, name, func, *args, **kwargs):
        func(*args)
        print("ran", name)

    def bench_time_func(self, name, func, *args, **kwargs):
        func(1, *args)
        print("ran", name)
