"""Shared fixtures: the repository's scenarios, loaded once per test session."""

import os
from pathlib import Path

import pytest

import parley

ROOT = Path(os.environ.get("PARLEY_SOURCE_DIR", Path(__file__).resolve().parents[2]))
GENIUS = ROOT / "scenarios" / "genius"


@pytest.fixture(scope="session")
def car_b() -> parley.Scenario:
    """ANAC 2012 Car B: 6 discrete issues, 15,625 outcomes, 2 parties, no discounting."""
    return parley.load_scenario(GENIUS / "CarB")


@pytest.fixture(scope="session")
def integer_domain() -> parley.Scenario:
    """2 integer issues of 11 values each: 121 outcomes, 2 parties."""
    return parley.load_scenario(GENIUS / "IntegerDomain")


@pytest.fixture(scope="session")
def dinner() -> parley.Scenario:
    """A small 3-party scenario."""
    return parley.load_scenario(GENIUS / "group2-dinner")
