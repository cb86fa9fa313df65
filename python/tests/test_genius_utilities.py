"""Utilities of GENIUS XML profiles against GENIUS's own: every utility GENIUS 9.1.10 logged in the
recorded runs of ../shared/genius-traces (README.md there, "Utilities logged": each party's
AdditiveUtilitySpace.getUtility of every offered bid, weights as written and capped at 1) equals
Parley's reading of the same profile to the last bit; with normalised weights it does not."""

import gzip
import json
import os
from pathlib import Path

import pytest

import parley

ROOT = Path(os.environ.get("PARLEY_SOURCE_DIR", Path(__file__).resolve().parents[2]))
TRACES = ROOT.parent / "shared" / "genius-traces"
SCENARIOS = ROOT.parent / "shared" / "scenarios"


def logged_utilities(reading: str):
    """(GENIUS's utility, Parley's) for every party of every offer in every trace."""
    scenarios = {}
    for trace in sorted(TRACES.glob("*.jsonl.gz")):
        with gzip.open(trace, "rt") as lines:
            parties = None
            for line in lines:
                record = json.loads(line)
                if record["type"] == "session_start":
                    folder = SCENARIOS / Path(record["domain"]).parent
                    if folder not in scenarios:
                        scenarios[folder] = parley.load_scenario(folder, reading)
                    by_name = {p.name: p for p in scenarios[folder].profiles}
                    parties = [by_name[Path(profile).stem] for profile in record["profiles"]]
                elif record["type"] == "action" and record.get("bid") and record.get("util"):
                    for party, logged in zip(parties, record["util"]):
                        yield logged, party.utility(record["bid"])


@pytest.mark.skipif(not TRACES.is_dir() or not SCENARIOS.is_dir(), reason="no recorded GENIUS runs beside the repository")
def test_every_logged_utility_is_parleys_to_the_last_bit():
    pairs = list(logged_utilities("genius-xml"))
    assert len(pairs) > 100_000
    different = [(logged, ours) for logged, ours in pairs if logged != ours]
    assert different == []
    # Normalising the weights, even ones that add up to 1 in decimal, changes some last bits.
    normalised = list(logged_utilities("genius-xml(normalise_weights=true)"))
    assert sum(logged != ours for logged, ours in normalised) > 0
