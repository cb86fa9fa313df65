"""The base class of negotiators written in Python."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._parley import (MopacBallot, MopacVoting, NegotiationResult, NegotiatorContext, ObservedAction, PowerVote,
                          TurnState, VoteRequest)


class Negotiator:
    """A negotiator written in Python, playing in Parley's C++ negotiations and tournaments.

    Subclass it and override act(); begin(), observe() and finish() are optional. The engine calls
    begin() once, act() on each of the negotiator's turns, observe() after every other party's
    action and finish() at the end. act() returns the outcome to offer (a sequence with one value
    per issue, or a dict from issue names to values), parley.ACCEPT to accept the offer on the
    table, or parley.END_NEGOTIATION to walk away. An exception raised in any of them ends the
    negotiation with the negotiator at fault, its message recorded in the result.

    Under the voting protocols (amop, majority, tau) act() also decides the negotiator's votes,
    unless it overrides vote(): asked about another party's offer as if it were on the table, ACCEPT
    is a vote for it and anything else a vote against; observe() then shows votes as ACCEPT or
    REJECT actions. Under mopac, vote_ranges() and opt_in() decide its votes with their power
    ranges; left as they are, it votes for every offer its vote() (or act()) accepts, with the range
    [2, total power], and keeps its votes at the opt-in.

    Methods left as they are here cost nothing: the engine does not call them.
    """

    #: The name the negotiator is known by in results; empty means the class name.
    name: str = ""

    def begin(self, context: NegotiatorContext) -> None:
        """Called once when the negotiation starts: the space, the own profile, the deadline."""

    def act(self, state: TurnState) -> Any:
        """The negotiator's turn: an outcome to offer, ACCEPT or END_NEGOTIATION."""
        raise NotImplementedError(f"{type(self).__name__} must define act()")

    def observe(self, action: ObservedAction) -> None:
        """Called after every action of another party."""

    def vote(self, request: VoteRequest) -> Any:
        """A vote on request.offer: True (or ACCEPT) for it, False (or REJECT) against it."""

    def vote_ranges(self, voting: MopacVoting) -> Any:
        """MOPAC's voting phase: a list of votes (PowerVote, or (offer, min_power, max_power) tuples,
        offer being a position in voting.offers), or END_NEGOTIATION to walk away."""

    def opt_in(self, voting: MopacVoting, ballots: list[MopacBallot], mine: list[PowerVote]) -> Any:
        """MOPAC's opt-in phase, shown every party's votes: the negotiator's votes again, each kept
        with a range at least as wide and new ones added, or END_NEGOTIATION to walk away."""

    def finish(self, result: NegotiationResult) -> None:
        """Called once when the negotiation has ended."""
