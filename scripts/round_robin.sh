#!/usr/bin/env bash
# The round-robin of docs/round-robin.md: the four ANAC agents, MiCRO, Boulware and absolute-tft,
# each against each (and itself) in both roles, on five bilateral ANAC scenarios of the shared
# corpus, 1000 rounds, 10 seeded repetitions. Run from anywhere after `bash scripts/setup`:
#
#   bash scripts/round_robin.sh [OUT_DIR]        # default OUT_DIR: round-robin-results
#
# Prints the tournament's summary (mean utility with its 95% interval and agreement rate per
# negotiator, overall and per scenario); the full results are in OUT_DIR (see docs/tournaments.md).
# The scenarios are given relative to the corpus's anac/ folder, so that the negotiations' seeds
# (derived from the scenario ids as written) do not depend on where the clone lives.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
parley="${PARLEY:-$root/build/parley}"
corpus="${PARLEY_CORPUS:-$root/../shared/scenarios}/anac"
out="$(realpath -m "${1:-round-robin-results}")"

if [[ ! -x "$parley" ]]; then
  echo "round_robin.sh: $parley not found; run 'bash scripts/setup' first (or set PARLEY)" >&2
  exit 1
fi
scenarios=(y2010/ItexvsCypress y2011/Grocery y2012/CarA y2013/Wholesaler y2011/Energy)
for s in "${scenarios[@]}"; do
  if [[ ! -d "$corpus/$s" ]]; then
    echo "round_robin.sh: $corpus/$s not found (the ANAC corpus belongs in ../shared/scenarios)" >&2
    exit 1
  fi
done
if [[ -e "$out" ]]; then
  echo "round_robin.sh: $out already exists; remove it or name another folder" >&2
  exit 1
fi

cd "$corpus"
"$parley" tournament \
  --negotiators 'hardheaded,agentk,cuhkagent,atlas3,micro,boulware,absolute-tft' \
  --scenarios "${scenarios[@]}" \
  --rounds 1000 --repetitions 10 --seed 2011 --quiet --out "$out"
