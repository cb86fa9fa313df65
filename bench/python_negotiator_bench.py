"""What a negotiator written in Python costs per turn, next to a C++ one.

    cmake --build build --target python_bench
    # or: PYTHONPATH=build/python python3 bench/python_negotiator_bench.py [--rounds N] [--repeat R]

Two hardliners that never agree (ANAC 2012 Car B: each one's best outcome is worth 0 to the
other) negotiate for a fixed number of rounds with no trace, so every turn is the same small
amount of engine work. Replacing one of them by a Python negotiator that does the same thing
shows what a turn through the Python adapter adds: taking the GIL, building the TurnState,
calling act(), reading the offer back. Then a tournament with a Python negotiator on one and two
threads shows that Python negotiators take turns on the GIL. Prints the median of --repeat runs.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

import parley

ROOT = Path(__file__).resolve().parents[1]
CAR_B = ROOT / "scenarios" / "genius" / "CarB"


class PythonHardliner(parley.Negotiator):
    """The C++ hardliner's rule in Python: offer the best outcome, accept only it."""

    def begin(self, context):
        self.best = context.space.outcome(int(np.argmax(context.profile.utilities())))

    def act(self, state):
        return parley.ACCEPT if state.current_offer == self.best else self.best


class ObservingHardliner(PythonHardliner):
    """Also told of every action of the other party (one more call per round)."""

    def observe(self, action):
        self.last = action.offer


class EvaluatingHardliner(PythonHardliner):
    """Also evaluates the offer it receives with its profile, as most strategies do."""

    def begin(self, context):
        super().begin(context)
        self.profile = context.profile

    def act(self, state):
        if state.current_offer is not None:
            self.profile.utility(state.current_offer)
        return super().act(state)


def median_seconds(run, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    scenario = parley.load_scenario(CAR_B)
    steps = 2 * args.rounds

    def negotiation(first):
        def run():
            result = parley.negotiate(scenario, [first(), "hardliner"], rounds=args.rounds, trace=False)
            assert result.steps == steps and not result.agreed, result
        return run

    cpp = median_seconds(negotiation(lambda: "hardliner"), args.repeat)
    print(f"parley {parley.__version__}, Python {sys.version.split()[0]}, ANAC 2012 Car B, "
          f"{args.rounds} rounds ({steps} turns), median of {args.repeat}\n")
    print(f"{'negotiator playing first':<44} {'per turn (both)':>16} {'added per Python turn':>22}")
    print(f"{'hardliner (C++)':<44} {cpp / steps * 1e9:>13.0f} ns {'':>22}")
    for label, negotiator in [("PythonHardliner: act()", PythonHardliner),
                              ("ObservingHardliner: act() and observe()", ObservingHardliner),
                              ("EvaluatingHardliner: act() + profile.utility", EvaluatingHardliner)]:
        seconds = median_seconds(negotiation(negotiator), args.repeat)
        added = (seconds - cpp) / args.rounds
        print(f"{label:<44} {seconds / steps * 1e9:>13.0f} ns {added * 1e6:>19.2f} µs")

    print("\nTournament: Python hardliner, boulware, conceder on Car B, every role, 20 repetitions, 200 rounds")
    for negotiators, label in [(["hardliner", "boulware", "conceder"], "C++ only"),
                               ([PythonHardliner, "boulware", "conceder"], "with the Python hardliner")]:
        for threads in (1, 2):
            def run():
                parley.tournament(negotiators, [str(CAR_B)], rounds=200, repetitions=20, threads=threads, seed=1)
            seconds = median_seconds(run, max(1, args.repeat // 2))
            count = 9 * 20
            print(f"  {label:<28} threads={threads}: {count / seconds:>9.0f} negotiations/s")
    print(f"\n(cores: {os.cpu_count()})")


if __name__ == "__main__":
    main()
