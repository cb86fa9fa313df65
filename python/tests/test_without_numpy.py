"""Without numpy, tables come back as nested lists (run in a fresh interpreter that cannot import it)."""

import json
import os
import subprocess
import sys

from conftest import GENIUS

SCRIPT = r"""
import json, sys
sys.modules["numpy"] = None  # makes `import numpy` fail
import parley
scenario = parley.load_scenario(sys.argv[1])
analysis = parley.analyze(scenario)
result = parley.negotiate(scenario, ["boulware", "conceder"], rounds=50)
mediated = parley.mediate_under_uncertainty("ceasefire-2024", samples=3, threads=1)
analysed = parley.analyze_under_uncertainty("ceasefire-2024", samples=3, threads=1)
sobol = parley.sobol_indices(lambda points: [row[0] for row in points], dimension=2, rows=4)
print(json.dumps({
    "frontier": analysis.frontier,
    "utilities": scenario.profile(0).utilities(),
    "outcomes": scenario.space.outcomes()[:3],
    "lower": [issue.lower for issue in scenario.space.issues],
    "trace_utilities": result.trace_utilities()[:2],
    "values": mediated["values"],
    "zone_exists": mediated["tracks"][0]["zone_exists"],
    "world_utilities": analysed["tracks"][0]["solutions"]["nash"]["world_utilities"],
    "sobol_first": sobol["first"],
}))
"""


def test_tables_are_lists_without_numpy():
    run = subprocess.run([sys.executable, "-c", SCRIPT, str(GENIUS / "IntegerDomain")], capture_output=True,
                         text=True, env=dict(os.environ), check=True)
    tables = json.loads(run.stdout)
    frontier = tables["frontier"]
    assert isinstance(frontier, list) and all(isinstance(row, list) and len(row) == 2 for row in frontier)
    assert len(tables["utilities"]) == 121 and all(isinstance(u, float) for u in tables["utilities"])
    first, second = tables["lower"]
    assert tables["outcomes"] == [[first, second], [first, second + 1], [first, second + 2]]
    assert len(tables["trace_utilities"]) == 2
    assert len(tables["values"]) == 3 and len(tables["values"][0]) == 12
    assert all(isinstance(row, list) and len(row) == 3 and all(isinstance(x, bool) for x in row)
               for row in tables["zone_exists"])
    assert len(tables["world_utilities"]) == 3 and all(len(row) == 2 for row in tables["world_utilities"])
    assert len(tables["sobol_first"]) == 2
