#!/usr/bin/env python3
"""Fails when a lower layer of Parley includes a higher one.

Parley's sources are folders of one concept each (src/<folder>/, python/pybind11/ for the Python
bindings), and every public header in include/parley/ belongs to one of them. A folder may include
its own files and those of the layers below it, never a layer above it nor a sibling on the same
layer: that keeps the engine usable piece by piece (the analysis without protocols, the protocols
without file formats) and keeps build times and reading order sane. LAYERS below is the one place
the order is written; docs/developing.md explains it.

Usage: check_layers.py [ROOT]   (ROOT: the repository, by default this script's parent folder)
       check_layers.py --self-test
Prints one line per forbidden include (file:line: what it includes, and why that is upward) and
exits 1 if there is any; exits 0 and prints a one-line summary otherwise.
"""
import os
import re
import sys
import tempfile

# Lowest first. Folders on one line are siblings: neither may include the other.
LAYERS = [
    ["common"],
    ["outcomes"],
    ["preferences"],
    ["negotiators"],
    ["mediators"],
    ["protocols"],
    ["tracks", "terminal"],
    ["analysis", "io", "plugins"],
    ["isolation"],
    ["assistant", "tournament"],
    ["report"],
    ["studio"],
    ["cli", "worker", "python"],
]

# The folder each public header belongs to. A new header must be added here (the check says so).
PUBLIC_HEADERS = {
    "error.h": "common",
    "limits.h": "common",
    "random.h": "common",
    "registry.h": "common",
    "spec.h": "common",
    "utf8.h": "common",
    "version.h": "common",
    "outcome_space.h": "outcomes",
    "hyper_rectangle.h": "preferences",
    "outcome_ranking.h": "preferences",
    "partial_preferences.h": "preferences",
    "preference_estimator.h": "preferences",
    "scenario.h": "preferences",
    "schedule.h": "preferences",
    "utility.h": "preferences",
    "boa.h": "negotiators",
    "negotiator.h": "negotiators",
    "preference_oracle.h": "negotiators",
    "mediator.h": "mediators",
    "protocol.h": "protocols",
    "multi_track.h": "tracks",
    "analysis.h": "analysis",
    "sensitivity.h": "analysis",
    "scenario_format.h": "io",
    "knowledge.h": "io",
    "trace_io.h": "io",
    "uncertainty.h": "io",
    "plugin.h": "plugins",
    "isolation.h": "isolation",
    "mediation_assistant.h": "assistant",
    "uncertain_mediation.h": "assistant",
    "uncertain_analysis.h": "assistant",
    "tournament.h": "tournament",
    "report.h": "report",
}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
SOURCE_SUFFIXES = (".h", ".cc")


def layer_of(folder):
    for level, folders in enumerate(LAYERS):
        if folder in folders:
            return level
    return None


def folder_of_file(root, path):
    """The layer folder a source file belongs to, or None for files outside the layered tree."""
    relative = os.path.relpath(path, root).split(os.sep)
    if relative[0] == "src" and len(relative) > 2:
        return relative[1]
    if relative[0] == "include" and relative[1] == "parley":
        return PUBLIC_HEADERS.get(relative[-1], "?" + relative[-1])
    if relative[:2] == ["python", "pybind11"]:
        return "python"
    return None


def folder_of_include(including_folder, target):
    """The folder an include names: parley/x.h by the table, folder/x.h by its folder, x.h local."""
    parts = target.split("/")
    if parts[0] == "parley" and len(parts) == 2:
        return PUBLIC_HEADERS.get(parts[1], "?" + parts[1])
    if len(parts) >= 2:
        return parts[0]
    return including_folder


def sources(root):
    for top in ("src", "include/parley", "python/pybind11"):
        for directory, _, files in os.walk(os.path.join(root, top)):
            for name in sorted(files):
                if name.endswith(SOURCE_SUFFIXES):
                    yield os.path.join(directory, name)


def check(root):
    problems = []
    edges = 0
    for path in sources(root):
        folder = folder_of_file(root, path)
        if folder is None:
            continue
        shown = os.path.relpath(path, root)
        if folder.startswith("?"):
            problems.append(f"{shown}:1: public header not assigned to a layer: add it to PUBLIC_HEADERS in "
                            f"scripts/check_layers.py")
            continue
        if layer_of(folder) is None:
            problems.append(f"{shown}:1: folder '{folder}' is not in LAYERS of scripts/check_layers.py")
            continue
        with open(path, encoding="utf-8", errors="replace") as text:
            for number, line in enumerate(text, 1):
                match = INCLUDE.match(line)
                if not match:
                    continue
                target_folder = folder_of_include(folder, match.group(1))
                if target_folder.startswith("?"):
                    problems.append(f"{shown}:{number}: includes \"{match.group(1)}\", a public header not assigned "
                                    f"to a layer (PUBLIC_HEADERS in scripts/check_layers.py)")
                    continue
                target_level = layer_of(target_folder)
                if target_level is None:
                    continue  # a generated file or a header outside the layered tree
                edges += 1
                level = layer_of(folder)
                if target_folder == folder:
                    continue
                if target_level > level:
                    problems.append(f"{shown}:{number}: {folder} includes \"{match.group(1)}\" of {target_folder}, "
                                    f"a higher layer")
                elif target_level == level:
                    problems.append(f"{shown}:{number}: {folder} includes \"{match.group(1)}\" of {target_folder}, "
                                    f"a sibling on the same layer")
    return problems, edges


def self_test():
    """The check must be able to fail: a tree with one upward and one sibling edge."""
    with tempfile.TemporaryDirectory() as root:
        files = {
            "include/parley/utility.h": '#include "parley/outcome_space.h"\n',
            "include/parley/outcome_space.h": '#include "parley/error.h"\n',
            "include/parley/error.h": "",
            "include/parley/gadget.h": "",
            "src/outcomes/outcome_space.cc": '#include "parley/outcome_space.h"\n#include "parley/protocol.h"\n',
            "src/io/reader.cc": '#include "io/reader.h"\n#include "analysis/frontier_methods.h"\n',
            "src/io/reader.h": "",
            "src/cli/main.cc": '#include "parley/utility.h"\n#include "io/reader.h"\n',
        }
        for name, text in files.items():
            path = os.path.join(root, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as out:
                out.write(text)
        problems, _ = check(root)
        expected = [
            "include/parley/gadget.h:1: public header not assigned to a layer",
            "src/io/reader.cc:2: io includes \"analysis/frontier_methods.h\" of analysis, a sibling on the same layer",
            "src/outcomes/outcome_space.cc:2: outcomes includes \"parley/protocol.h\" of protocols, a higher layer",
        ]
        for line in expected:
            if not any(problem.startswith(line) for problem in problems):
                print(f"self-test: expected a problem starting with: {line}\nfound: {problems}")
                return 1
        if len(problems) != len(expected):
            print(f"self-test: expected {len(expected)} problems, found {problems}")
            return 1
    print("self-test: upward, sibling and unassigned includes are reported")
    return 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    root = argv[1] if len(argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    problems, edges = check(root)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} include(s) against the layer order of scripts/check_layers.py")
        return 1
    print(f"{edges} includes checked; every one points to the same folder or a lower layer")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
