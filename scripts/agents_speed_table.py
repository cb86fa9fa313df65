#!/usr/bin/env python3
"""Runs bench/agents_bench once and prints docs/round-robin.md's speed table (Markdown).

    python3 scripts/agents_speed_table.py [--bench build/bench/agents_bench] [--min-time 0.5]
                                          [--only NAME,NAME,...]

Every row is one negotiator as party 0 against `boulware` on CarB (see bench/agents_bench.cc):
CPU time per negotiation, the steps each negotiation played, steps per second of CPU time, and
how many times slower than the time-based reference in the same run. The load average before and
after is printed with the table, so a reader can tell a quiet run from a busy one.
"""
import argparse
import json
import os
import re
import subprocess
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", default="build/bench/agents_bench")
    parser.add_argument("--min-time", default="0.5", help="--benchmark_min_time, in seconds")
    parser.add_argument("--only", default="",
                        help="comma-separated negotiators to run (with the reference `time`); default every one")
    args = parser.parse_args()
    if not os.access(args.bench, os.X_OK):
        sys.exit(f"agents_speed_table: {args.bench}: no such executable (build the project first)")

    command = [args.bench, "--benchmark_format=json", f"--benchmark_min_time={args.min_time}"]
    if args.only:
        names = ["time"] + [n for n in args.only.split(",") if n and n != "time"]
        if not all(re.fullmatch(r"[A-Za-z0-9_.-]+", n) for n in names):
            sys.exit(f"agents_speed_table: --only '{args.only}': expected comma-separated negotiator names")
        command.append(f"--benchmark_filter=/({'|'.join(re.escape(n) for n in names)})$")
    load_before = os.getloadavg()
    run = subprocess.run(
        command,
        capture_output=True, text=True)
    load_after = os.getloadavg()
    if run.returncode != 0:
        sys.exit(f"agents_speed_table: {args.bench} exited with {run.returncode}: {run.stderr.strip()}")
    report = json.loads(run.stdout)

    rows = []
    for b in report["benchmarks"]:
        family, _, name = b["name"].partition("/")
        if "error_occurred" in b and b["error_occurred"]:
            sys.exit(f"agents_speed_table: {b['name']}: {b.get('error_message', 'error')}")
        scale = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[b["time_unit"]]
        rows.append({
            "name": name,
            "to_agreement": family == "BM_VsBoulwareToAgreement",
            "cpu_ms": b["cpu_time"] * scale,
            "steps": b["steps"],
            "rate": b["steps/s"],
        })
    reference = next(r for r in rows if r["name"] == "time")

    context = report["context"]
    print(f"{context['num_cpus']} CPUs at {context['mhz_per_cpu']} MHz, {context['library_build_type']} "
          f"benchmark library; load average {load_before[0]:.2f} before, {load_after[0]:.2f} after.")
    print()
    print("| negotiator (party 0, against `boulware`) | CarB | steps | CPU ms per negotiation "
          "| steps/s | slower than `time(e=0.5)` |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        played = "as shipped, to the end" if r["to_agreement"] else "no deal, to the deadline"
        print(f"| `{r['name']}` | {played} | {r['steps']:,.0f} | {r['cpu_ms']:.3f} | {r['rate']:,.0f} "
              f"| {reference['rate'] / r['rate']:.1f}× |")


if __name__ == "__main__":
    main()
