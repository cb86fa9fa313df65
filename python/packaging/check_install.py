"""Installs the package with `pip install .` into a fresh virtual environment and uses it.

Usage: python3 check_install.py REPOSITORY_ROOT

What a user does on a machine without access to a package index: a new virtual environment
(without the system's packages, so numpy is absent and results come back as lists), then
`pip install --no-index --no-build-isolation ROOT`, which builds the extension with CMake. Then,
from outside the repository, the installed package loads a scenario, runs a negotiation between
a Python negotiator and a C++ one, and its files are checked (type stubs, py.typed). Exits non-zero
on any failure. The build goes into a temporary directory, through ccache when installed.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHECK = r"""
import json, os, sys
import parley

root = sys.argv[1]
scenario = parley.load_scenario(os.path.join(root, "scenarios", "genius", "group2-dinner"))
scenario = scenario.with_parties(scenario.parties[:2])

utilities = scenario.profile(0).utilities()
best = max(range(len(utilities)), key=utilities.__getitem__)

class Stubborn(parley.Negotiator):
    def begin(self, context):
        self.best = context.space.outcome(best)
    def act(self, state):
        return parley.ACCEPT if state.current_offer == self.best else self.best

result = parley.negotiate(scenario, [Stubborn(), "conceder"], rounds=200, seed=3)
package = os.path.dirname(parley.__file__)
print(json.dumps({
    "file": parley.__file__,
    "agreement": result.agreement,
    "utility": result.utilities[0],
    "best_utility": utilities[best],
    "frontier_type": type(parley.analyze(scenario).frontier).__name__,
    "files": sorted(os.listdir(package)),
}))
"""


def main() -> int:
    root = Path(sys.argv[1]).resolve()
    with tempfile.TemporaryDirectory(prefix="parley-pip-") as temp:
        temp = Path(temp)
        venv = temp / "venv"
        started = time.monotonic()
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        python = venv / "bin" / "python"
        subprocess.run([str(python), "-m", "pip", "install", "--no-index", "--no-build-isolation", "--quiet",
                        "--config-settings", f"build-dir={temp / 'build'}", str(root)], check=True)
        print(f"installed in {time.monotonic() - started:.0f} s")
        run = subprocess.run([str(python), "-c", CHECK, str(root)], check=True, cwd=temp, capture_output=True,
                             text=True)
        import json
        report = json.loads(run.stdout)
        print(report)
        failures = []
        if not report["file"].startswith(str(venv)):
            failures.append(f"parley was imported from {report['file']}, not from the virtual environment")
        for name in ("__init__.py", "__init__.pyi", "py.typed", "_negotiator.py"):
            if name not in report["files"]:
                failures.append(f"the installed package lacks {name}")
        if not any(name.startswith("_parley.") and name.endswith(".so") for name in report["files"]):
            failures.append("the installed package lacks the extension module")
        if report["utility"] != report["best_utility"]:
            failures.append(f"the stubborn negotiator's utility is {report['utility']}, expected that of its best "
                            f"outcome, {report['best_utility']}")
        if report["frontier_type"] != "list":
            failures.append(f"without numpy the frontier should be a list, got {report['frontier_type']}")
        for failure in failures:
            print("FAILED:", failure)
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
