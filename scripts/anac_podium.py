#!/usr/bin/env python3
"""The ANAC podium of each year, replayed by Parley on that year's own domains (docs/round-robin.md).

For each year asked for, runs `parley tournament` with that year's podium agents (the ports in
src/negotiators/anac/, GENIUS's originals), each against each in every role, self-play included,
on every domain of the year in the shared corpus (../shared/scenarios/anac/y<year>; in the
three-party years 2015 to 2017, those with three profiles), 1000 rounds, 10 seeded repetitions, tournament seed = the year. Then
prints, per year, Parley's ranking by mean utility beside ANAC's final ranking and whether the
order of the podium is the same.

  python3 scripts/anac_podium.py [--years 2010,2011,...] [--out DIR] [--rounds N] [--repetitions N]

Years whose podium is not all ported (see `parley list negotiators`) are played with the ported
agents and say which are missing. The results of each year are kept in DIR/y<year>/.
"""
import argparse
import csv
import os
import subprocess
import sys
from xml.etree import ElementTree
from pathlib import Path

# ANAC's final individual-utility ranking of each year's podium, best first, by the short names
# of Parley's ports; a tie shares a place (ANAC 2012's third, ANAC 2016's second). Domains: the
# folders of that year in the corpus (2017 reused 2016's; 2018's and 2019's are not in the corpus).
PODIUM = {
    2010: [["agentk"], ["yushu"], ["nozomi"], ["iamhaggler"]],
    2011: [["hardheaded"], ["gahboninho"], ["iamhaggler2011"]],
    2012: [["cuhkagent"], ["agentlg"], ["omacagent", "thenegotiatorreloaded"]],
    2013: [["thefawkes"], ["metaagent2013"], ["tmfagent"]],
    2014: [["agentm"], ["dona"], ["gangster"]],
    2015: [["atlas3"], ["parsagent"], ["randomdance"]],
    2016: [["caduceus"], ["yxagent", "parscat"]],
    2017: [["ponpokoagent"], ["caduceusdc16"], ["rubick"]],
    2019: [["agentgg"], ["kakesoba"], ["saga"]],
}
# ANAC 2019's domains are not in the corpus: its podium plays ANAC 2013's bilateral, discrete
# domains (the 2019 agents need discrete issues).
DOMAINS = {2017: 2016, 2019: 2013}
# What each party knows of its own preferences (`parley tournament --knowledge`): in ANAC 2019, a
# ranking of some outcomes drawn by GENIUS's user model, scored by the true profile.
KNOWLEDGE = {2019: "genius(comparisons=10)"}
# The years whose negotiations were three-party (2018 and 2019 went back to bilateral ones).
THREE_PARTY = {2015, 2016, 2017}


def fail(message):
    print(f"anac_podium.py: {message}", file=sys.stderr)
    sys.exit(1)


def registered(parley):
    listing = subprocess.run([parley, "list", "negotiators"], capture_output=True, text=True, check=True).stdout
    return {line.split()[0] for line in listing.splitlines() if line.strip() and not line.startswith(" ")}


def profile_count(domain):
    """The preference profiles of a GENIUS folder: its XML files whose root is <utility_space> (a
    domain file's root is <negotiation_template>)."""
    count = 0
    for path in domain.glob("*.xml"):
        try:
            _, root = next(ElementTree.iterparse(path, events=("start",)))
        except (ElementTree.ParseError, StopIteration):
            fail(f"{path}: not an XML file")
        count += root.tag == "utility_space"
    return count


def run_year(parley, corpus, year, agents, out, rounds, repetitions):
    folder = corpus / f"y{DOMAINS.get(year, year)}"
    if not folder.is_dir():
        fail(f"{folder} not found (the ANAC corpus belongs in ../shared/scenarios)")
    results = out / f"y{year}"
    if results.exists():
        fail(f"{results} already exists; remove it or name another --out")
    # Scenario paths relative to the corpus's anac/ folder, so that the negotiations' seeds (derived
    # from the scenario ids as written) do not depend on where the clone lives. From 2015 to 2017, ANAC's
    # negotiations were three-party: domains shipped with more profiles (nine in several 2015
    # folders) would seat every agent in every one of their roles, 3^9 seatings, so they are left out.
    scenarios = [f"{folder.name}/{domain.name}" for domain in sorted(folder.iterdir())
                 if domain.is_dir() and (year not in THREE_PARTY or profile_count(domain) == 3)]
    command = [parley, "tournament", "--negotiators", ",".join(agents), "--scenarios", *scenarios,
               "--rounds", str(rounds), "--repetitions", str(repetitions), "--seed", str(year), "--quiet",
               "--out", str(results)]
    if year in KNOWLEDGE:
        command += ["--knowledge", KNOWLEDGE[year]]
    subprocess.run(command, cwd=corpus, check=True, stdout=subprocess.DEVNULL)
    with open(results / "summary.csv", newline="") as f:
        return [row for row in csv.DictReader(f) if row["scope"] == "all"]


def main():
    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", default=",".join(str(y) for y in PODIUM))
    parser.add_argument("--out", default="anac-podium-results")
    parser.add_argument("--rounds", type=int, default=1000)
    parser.add_argument("--repetitions", type=int, default=10)
    args = parser.parse_args()
    parley = os.environ.get("PARLEY", str(root / "build" / "parley"))
    corpus = Path(os.environ.get("PARLEY_CORPUS", str(root.parent / "shared" / "scenarios"))) / "anac"
    if not os.access(parley, os.X_OK):
        fail(f"{parley} not found; run 'bash scripts/setup' first (or set PARLEY)")
    try:
        years = [int(y) for y in args.years.split(",")]
    except ValueError:
        fail(f"--years: expected comma-separated years, got '{args.years}'")
    for year in years:
        if year not in PODIUM:
            fail(f"--years: no podium for {year} (known: {', '.join(str(y) for y in PODIUM)})")
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    known = registered(parley)
    for year in years:
        places = PODIUM[year]
        ported = [a for place in places for a in place if a in known]
        missing = [a for place in places for a in place if a not in known]
        print(f"## ANAC {year}")
        if missing:
            print(f"not ported: {', '.join(missing)}")
        if len(ported) < 2:
            print("fewer than two podium agents are ported: no tournament\n")
            continue
        rows = run_year(parley, corpus, year, ported, out, args.rounds, args.repetitions)
        anac_place = {a: i + 1 for i, place in enumerate(places) for a in place}
        print("| Parley rank | agent | ANAC place | mean utility (± 95% CI) | agreement rate |")
        print("|---|---|---|---|---|")
        for row in rows:
            print(f"| {row['rank']} | `{row['negotiator']}` | {anac_place[row['negotiator']]} | "
                  f"{float(row['utility_mean']):.3f} ± {float(row['utility_ci95']):.3f} | "
                  f"{float(row['agreement_rate']):.2f} |")
        # Reproduced: Parley's order never puts an agent above one ANAC placed strictly higher.
        order = [anac_place[row["negotiator"]] for row in rows]
        reproduced = all(order[i] <= order[i + 1] for i in range(len(order) - 1))
        print(f"\nANAC's order of the ported podium reproduced: {'yes' if reproduced else 'no'}\n")


if __name__ == "__main__":
    main()
