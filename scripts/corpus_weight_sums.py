#!/usr/bin/env python3
"""Lists the linear GENIUS XML profiles whose issue weights do not add up to 1.

Reads every .xml file under the corpus folder given (default ../shared/scenarios) on its own,
without Parley: a profile is a <utility_space> root that is not type="nonlinear"; an issue's
weight is the last <weight> with its index beside it (GENIUS's reading); the root objective's
weight is not an issue weight. Sums are exact decimal sums of the written numbers; a profile is
listed when its sum is more than 1e-9 away from 1. Prints a Markdown table for docs/corpus.md.
"""
import os
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal


def issue_weight_sum(root):
    total, found = Decimal(0), False
    for parent in root.iter():
        weights = {w.get("index"): w.get("value") for w in parent.findall("weight")}
        for issue in parent.findall("issue"):
            found = True
            value = weights.get(issue.get("index"))
            if value is not None:
                total += Decimal(value.strip())
    return total if found else None


def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else "../shared/scenarios"
    rows = []
    for folder, _, files in sorted(os.walk(corpus)):
        for name in sorted(files):
            if not name.lower().endswith(".xml") or name.lower() == "pareto.xml":
                continue
            try:
                root = ET.parse(os.path.join(folder, name)).getroot()
            except ET.ParseError:
                continue
            if root.tag != "utility_space" or root.get("type") == "nonlinear":
                continue
            total = issue_weight_sum(root)
            if total is not None and abs(total - 1) > Decimal("1e-9"):
                rows.append((os.path.relpath(folder, corpus), name[:-4], total))
    by_folder = {}
    for folder, profile, total in rows:
        by_folder.setdefault((folder, f"{total.normalize():f}"), []).append(profile)
    print("| folder | profiles | issue weights add up to | best utility in GENIUS |")
    print("|---|---|---|---|")
    for (folder, total), profiles in by_folder.items():
        best = "1 (capped)" if Decimal(total) > 1 else total
        print(f"| `{folder}` | {', '.join(profiles)} | {total} | {best} |")
    print(f"\n{len(rows)} profiles", file=sys.stderr)


if __name__ == "__main__":
    main()
