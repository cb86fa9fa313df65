#!/usr/bin/env python3
"""How well each preference estimator orders a party's outcomes from k ranked ones.

For each domain, estimator and k, party 0 knows a ranking of k outcomes drawn at random
(knowledge "ranked(k=K,seed=S)", S = 1..seeds); the estimate is compared with the true profile by
Kendall's tau-b over every outcome. Prints a Markdown table of mean and standard deviation over
the seeds, the one in docs/uncertainty.md.

    PYTHONPATH=build/python python3 scripts/estimator_tau_table.py [--seeds 20] [--corpus ../shared/scenarios]
"""

import argparse
import statistics
from pathlib import Path

import parley

DOMAINS = ["anac/y2012/CarA", "anac/y2011/Laptop", "anac/y2010/Travel"]
# lp with margin 0 is the ANAC 2019 agents' form; a margin makes a better outcome strictly better.
ESTIMATORS = ["genius-rank-points", "borda", "lp", "lp(margin=0.01)"]
KS = [5, 10, 20, 50, 100]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--corpus", default=str(Path(__file__).resolve().parents[2] / "shared" / "scenarios"))
    args = parser.parse_args()
    available = {entry["name"] for entry in parley.registered("estimators")}
    estimators = [spec for spec in ESTIMATORS if spec.split("(")[0] in available]
    print("| domain (outcomes) | estimator | " + " | ".join(f"k = {k}" for k in KS) + " |")
    print("|---|---|" + "---|" * len(KS))
    for domain in DOMAINS:
        scenario = parley.load_scenario(Path(args.corpus) / domain)
        label = f"{Path(domain).name} ({scenario.space.cardinality:,})"  # k above it ranks every outcome
        for estimator in estimators:
            cells = []
            for k in KS:
                taus = [parley.estimate_preferences(scenario, 0, knowledge=f"ranked(k={k},seed={seed})",
                                                    estimator=estimator, seed=seed)["kendall_tau"]
                        for seed in range(1, args.seeds + 1)]
                cells.append(f"{statistics.mean(taus):.3f} ± {statistics.stdev(taus):.3f}")
            print(f"| {label} | {estimator} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
