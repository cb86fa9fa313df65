"""What the registries hold, and multi-track scenarios."""

import pytest

import parley


@pytest.mark.parametrize("kind, member", [
    ("negotiators", "boulware"), ("protocols", "saop"), ("formats", "genius-xml"), ("formats", "parley-json"),
    ("mediators", "hill-climb"), ("bidding", "time"), ("acceptance", "next"), ("models", "frequency"),
])
def test_registered_lists_the_registry(kind, member):
    entries = parley.registered(kind)
    names = [entry["name"] for entry in entries]
    assert member in names
    assert names == sorted(names)
    for entry in entries:
        assert set(entry) == {"name", "description", "parameters", "interactive"}
        assert entry["interactive"] == (kind == "negotiators" and entry["name"] == "human")


def test_registered_parameters_of_time():
    time = next(e for e in parley.registered("negotiators") if e["name"] == "time")
    assert "e" in [p["name"] for p in time["parameters"]]


def test_unknown_kind():
    with pytest.raises(parley.UsageError, match="unknown kind 'games'"):
        parley.registered("games")


def test_ceasefire_runs_every_track():
    scenario = parley.load_multi_track("ceasefire-2024")
    names = [track.name for track in scenario.tracks]
    assert len(names) >= 2
    for track in scenario.tracks:
        assert track.scenario.parties == track.participants
    result = parley.run_multi_track(scenario, rounds=60, seed=1)
    assert result.track_names == names
    assert len(result.tracks) == len(names)
    assert len(result.overall_utilities) == len(scenario.parties)
    for track, track_result in zip(scenario.tracks, result.tracks):
        assert track_result.parties == track.participants
        if track_result.agreed:
            assert track_result.undiscounted_utilities == pytest.approx(
                track.scenario.utilities(track_result.agreement))


def test_multi_track_overrides_are_checked():
    scenario = parley.load_multi_track("ceasefire-2024")
    with pytest.raises(parley.UsageError, match="no track 'moon'"):
        parley.run_multi_track(scenario, negotiators={"moon": ["boulware"]})
    track = scenario.tracks[-1].name
    result = parley.run_multi_track(scenario, rounds=30, negotiators={track: ["hardliner"]})
    assert result.tracks[-1].negotiators == ["hardliner"] * len(scenario.tracks[-1].participants)
