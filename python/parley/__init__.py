"""Parley: model, run and analyse negotiations from Python.

The engine is C++ (the extension module parley._parley); this package adds the Negotiator base
class for negotiators written in Python and the functions that take Python-friendly arguments.
docs/python.md in Parley's repository is the guide.
"""

from __future__ import annotations

import inspect
import os
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Sequence, Union

from . import _parley
from ._negotiator import Negotiator
from ._parley import (
    ACCEPT,
    END_NEGOTIATION,
    OFFER,
    REJECT,
    ActionType,
    Analysis,
    Error,
    InputError,
    Issue,
    MopacBallot,
    MopacOffer,
    MopacVoting,
    MultiTrackResult,
    MultiTrackScenario,
    NegotiationResult,
    NegotiatorContext,
    ObservedAction,
    OutcomeSpace,
    Point,
    PowerVote,
    Profile,
    ResourceLimits,
    Scenario,
    Track,
    TurnState,
    UncertainScenario,
    UsageError,
    VoteRequest,
    Zone,
    __version__,
    analyze,
    analyze_under_uncertainty,
    builtin_scenarios,
    load_multi_track,
    load_scenario,
    mediate_under_uncertainty,
    registered,
    resource_limits,
    run_multi_track,
    set_resource_limits,
    sobol_indices,
)

__all__ = [
    "ACCEPT", "END_NEGOTIATION", "OFFER", "REJECT", "ActionType", "Analysis", "Error", "InputError", "Issue",
    "MopacBallot", "MopacOffer", "MopacVoting", "MultiTrackResult", "MultiTrackScenario", "NegotiationResult",
    "Negotiator", "NegotiatorContext", "ObservedAction", "OutcomeSpace", "Point", "PowerVote", "Profile",
    "ResourceLimits", "Scenario", "Track", "TournamentResult", "TurnState", "UncertainScenario", "UsageError",
    "VoteRequest", "Zone", "__version__",
    "analyze", "analyze_under_uncertainty", "builtin_scenarios", "estimate_preferences", "load_multi_track", "load_scenario",
    "mediate_under_uncertainty", "negotiate", "register_negotiator", "registered", "resource_limits",
    "run_multi_track", "set_resource_limits", "sobol_indices", "tournament",
]

_NegotiatorLike = Union[str, Negotiator, type, Any]


def _parse_parameter(text: str) -> Any:
    """A spec parameter as a Python value: int, float, bool, or the text itself."""
    for convert in (int, float):
        try:
            return convert(text)
        except ValueError:
            pass
    if text in ("true", "false"):
        return text == "true"
    return text


def register_negotiator(name: str, factory: Callable[..., Any], description: str = "") -> str:
    """Registers a Python negotiator class (or any callable returning a negotiator) under `name`.

    The name then works wherever a negotiator spec does: negotiate(), tournament(),
    run_multi_track(), with parameters as in "name(key=value)", which the factory receives as
    keyword arguments (numbers and true/false converted). Its parameters are the factory's
    keyword parameters with defaults. Registering a name again replaces the factory. Returns the
    name.
    """
    parameters = []
    try:
        signature = inspect.signature(factory)
    except (TypeError, ValueError):
        signature = None
    if signature is not None:
        for parameter in signature.parameters.values():
            if parameter.default is not inspect.Parameter.empty and parameter.kind in (
                inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY):
                parameters.append([parameter.name, str(parameter.default), ""])
    if not description:
        description = (inspect.getdoc(factory) or "A negotiator written in Python.").splitlines()[0]

    def create(arguments: dict) -> Any:
        return factory(**{key: _parse_parameter(value) for key, value in arguments.items()})

    _parley._register_negotiator(name, create, description, parameters)
    return name


def _class_name(negotiator_class: type) -> str:
    name = getattr(negotiator_class, "name", "")
    return name if isinstance(name, str) and name else negotiator_class.__name__


def _scenario(scenario: Union[Scenario, str, os.PathLike]) -> Scenario:
    return scenario if isinstance(scenario, Scenario) else load_scenario(scenario)


def negotiate(scenario: Union[Scenario, str, os.PathLike], negotiators: Union[_NegotiatorLike, Sequence[_NegotiatorLike]],
              *, protocol: str = "saop", mediators: Sequence[str] = (), rounds: int = 100,
              time_limit: float = 0.0, seed: int = 0, trace: bool = True,
              knowledge: Union[str, Sequence[str]] = (), estimators: Union[str, Sequence[str]] = ()) -> NegotiationResult:
    """Runs one negotiation and returns its result.

    `scenario` is a Scenario or anything load_scenario() takes. `negotiators` holds one entry per
    party in turn order (or one spec for every party): specs ("boulware", "time(e=0.2)",
    "boa(bidding=...)"), Python negotiator objects, or Python negotiator classes (one object made
    per party). `rounds` and `time_limit` (seconds) are the deadlines; 0 means none, and one is
    needed. `knowledge` says what each party knows of its own preferences (one knowledge spec of
    docs/uncertainty.md for every party, or one per party: "full", "ranked(k=10,seed=1)",
    "genius(comparisons=10)", "genius10(comparisons=10)", ...) and `estimators` how a party with
    partial knowledge estimates its utility ("genius-rank-points", "borda", "lp"); results are
    scored with the true profiles.
    The C++ engine runs with the GIL released; Python negotiators take it for each call.
    """
    scenario = _scenario(scenario)
    if isinstance(negotiators, (str, Negotiator, type)):
        negotiators = [negotiators]
    given = list(negotiators)
    if len(given) == 1 and isinstance(given[0], type) and scenario.party_count > 1:
        given = given * scenario.party_count
    made = [entry() if isinstance(entry, type) else entry for entry in given]
    return _parley._negotiate(scenario, made, protocol, list(mediators), rounds, time_limit, seed, trace,
                              _specs(knowledge), _specs(estimators))


def _specs(given: Union[str, Sequence[str]]) -> list:
    return [given] if isinstance(given, str) else list(given)


def estimate_preferences(scenario: Union[Scenario, str, os.PathLike], party: int = 0, *,
                         knowledge: str = "ranked(k=10,seed=1)", estimator: str = "genius-rank-points",
                         seed: int = 0) -> dict:
    """What an estimator makes of a party's partial preferences, next to the truth.

    `knowledge` is a knowledge spec other than "full" (docs/uncertainty.md), `estimator` a
    registered preference estimator, `seed` the party's seed (it stands in for GENIUS's unseeded
    shuffle and seeds the estimator). Returns a dict: 'known' (how many outcomes the party knows
    about), 'kendall_tau' (Kendall's tau-b between the estimate's order of every outcome and the
    true profile's), 'estimate' and 'truth' (numpy arrays of both utilities of every outcome, in
    the space's index order). The space must be enumerable.
    """
    return _parley.estimate_preferences(_scenario(scenario), party, knowledge, estimator, seed)


@dataclass
class TournamentResult:
    """A tournament's rows (one dict per negotiation, in id order) and rankings."""

    rows: list = field(default_factory=list)
    #: Negotiators ranked by mean utility over every role played: dicts with 'negotiator', 'rank',
    #: and statistics ('utility', 'advantage', 'welfare', 'agreement', 'distance_to_pareto',
    #: 'distance_to_nash', each a dict with 'n', 'mean', 'half_width'), 'faults'.
    ranking: list = field(default_factory=list)
    #: Per scenario: dicts with 'scenario', 'negotiations' and its own 'ranking'.
    scenarios: list = field(default_factory=list)
    negotiations: int = 0
    agreements: int = 0
    faults: int = 0
    match_count: int = 0
    scenario_ids: list = field(default_factory=list)
    negotiator_specs: list = field(default_factory=list)


def tournament(negotiators: Sequence[_NegotiatorLike], scenarios: Iterable[Union[str, os.PathLike]], *,
               repetitions: int = 1, rounds: int = 0, time_limit: float = 0.0, seed: int = 0,
               protocol: str = "saop", mediators: Sequence[str] = (), self_play: bool = True,
               budget: float = 0.0, threads: int = 0, out: Union[str, os.PathLike, None] = None,
               resume: bool = False,
               progress: Union[Callable[[int, int], None], None] = None) -> TournamentResult:
    """Runs a tournament: every negotiator against every other on every scenario, in every role.

    `negotiators` are specs or Python negotiator classes (registered under their `name`
    attribute or class name; see register_negotiator). `scenarios` are paths, built-in names
    and glob patterns. `rounds` defaults to 100 when no deadline is given. Results do not depend
    on `threads` (0: one per core, or one when a Python negotiator plays: Python negotiators run
    in the worker threads one at a time, sharing the GIL, and more threads only slow them down).
    With `out`, results are also written there as they come (and `resume` continues an
    interrupted run). `progress(done, total)` is called after each negotiation.
    """
    specs = []
    for entry in negotiators:
        if isinstance(entry, str):
            specs.append(entry)
        elif isinstance(entry, type) or callable(entry) and not hasattr(entry, "act"):
            name = _class_name(entry) if isinstance(entry, type) else getattr(entry, "__name__", "")
            specs.append(register_negotiator(name, entry))
        else:
            raise TypeError(f"a tournament makes a new negotiator for each negotiation: give the class of "
                            f"{entry!r} or a registered name, not an object")
    if threads == 0 and any(spec.split("(")[0] in _parley._negotiator_factories for spec in specs):
        threads = 1  # Python negotiators take turns on the GIL: more threads only hand it around
    scenario_list = [os.fspath(s) for s in scenarios]
    raw = _parley._tournament(specs, scenario_list, repetitions, rounds, time_limit, seed, protocol,
                              list(mediators), self_play, budget, threads,
                              None if out is None else os.fspath(out), resume, progress)
    return TournamentResult(**raw)
