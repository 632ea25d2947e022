"""The rules of SPEC §3 in one place, as plain functions and the orders as plain tuples.

The engine, the plan, the portfolio and the renderers' explanations all decide with these; the
engine's packed integer sort keys (score/entries.py) are generated from and tested against the
tuples here.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Protocol

from kundenaudit.model.vocabulary import Ampel, Competition, GoalState, Level, Status

DEFAULT_DEGREE = 0.5  # teilweise without an explicit degree: the only default degree
EPSILON = 1e-9  # float noise must not turn 70.0 into "below 70"
TIE_DIGITS = 9  # values equal in exact arithmetic must tie, so the tie-breaks apply
UNKNOWN_EFFORT = 6  # a gap without effort sorts after every known effort (1..5)

FAILED_STATES = (GoalState.VERFEHLT, GoalState.UEBERFAELLIG)


def applies(level: Level | None) -> bool:
    """Whether a service applies in a segment at all: its level there is not entfaellt."""
    return level is not None


def exemption_valid(until: dt.date | None, audited: dt.date) -> bool:
    """An exemption holds through its ``until`` date; it has expired when that is before the
    audit date (then the service counts as offen and is reported as expired)."""
    return until is None or until >= audited


def effective_level(competition: Competition | None, level: Level) -> Level:
    """Muss when competitors offer the service as standard, else its level in the segment."""
    return Level.MUSS if competition is Competition.STANDARD else level


def muss_by_competition(level: Level, effective: Level) -> bool:
    """Whether a service is Muss only because competitors offer it as standard (the report
    says so)."""
    return effective is Level.MUSS and level is not Level.MUSS


def is_knockout(knockout: bool, effective: Level) -> bool:
    """A knock-out counts only where the service's effective level is Muss."""
    return knockout and effective is Level.MUSS


def is_differentiator(competition: Competition | None) -> bool:
    """A met service no competitor offers (competition: none)."""
    return competition is Competition.NONE


def degree(status: Status, given: float | None = None) -> float:
    """The degree of a delivery: erfuellt 1, teilweise its degree (default 0.5), else 0.

    ``offen`` counts 0: what is not assessed is not evidenced.
    """
    if status is Status.ERFUELLT:
        return 1.0
    if status is Status.TEILWEISE:
        return DEFAULT_DEGREE if given is None else given
    return 0.0


class GoalLike(Protocol):
    """What the goal rules read of a goal or a goal's result."""

    @property
    def level(self) -> Level | str | None: ...
    @property
    def services(self) -> Sequence[str] | None: ...


class GoalResultLike(GoalLike, Protocol):
    """A goal with its state."""

    @property
    def state(self) -> GoalState: ...


def is_muss_goal(goal: GoalLike) -> bool:
    """The Muss goal: the goal over the level Muss (implicit {level: muss, min: 100} unless the
    segment replaces it); a goal over listed services never is."""
    return goal.services is None and goal.level == Level.MUSS


def goal_failed(state: GoalState) -> bool:
    """A goal that is verfehlt (standing) or ueberfaellig (its deadline has passed)."""
    return state in FAILED_STATES


def goal_met(actual: float | None, minimum: float) -> bool:
    """``actual >= minimum`` up to float noise; nothing to measure counts as met."""
    return actual is None or actual + EPSILON >= minimum


def goal_state(
    actual: float | None, minimum: float, by: dt.date | None, audited: dt.date
) -> GoalState:
    """erreicht, else laeuft (deadline after the audit), else verfehlt or ueberfaellig."""
    return GoalState.ERREICHT if goal_met(actual, minimum) else unmet_state(by, audited)


def unmet_state(by: dt.date | None, audited: dt.date) -> GoalState:
    """A goal not met: laeuft while its deadline is after the audit, else ueberfaellig;
    verfehlt when it is standing (no deadline)."""
    if by is None:
        return GoalState.VERFEHLT
    return GoalState.LAEUFT if by > audited else GoalState.UEBERFAELLIG


def ampel(knockout_open: bool, goals: Sequence[GoalResultLike]) -> Ampel:
    """rot on an unmet knock-out or a Muss goal not erreicht; gelb on any failed goal."""
    if knockout_open:
        return Ampel.ROT
    failed = False
    for g in goals:  # one loop: this runs for every customer
        if decides_rot(g):
            return Ampel.ROT
        failed = failed or g.state in FAILED_STATES  # goal_failed
    return Ampel.GELB if failed else Ampel.GRUEN


def decides_rot(goal: GoalResultLike) -> bool:
    """A goal that makes the customer rot: the Muss goal when it is not erreicht."""
    return is_muss_goal(goal) and goal.state is not GoalState.ERREICHT


def decides(goal: GoalResultLike, status: Ampel) -> bool:
    """Whether ``goal`` is one of those that gave the customer ``status`` (for explanations)."""
    return decides_rot(goal) if status is Ampel.ROT else goal_failed(goal.state)


def counts_in_plan(goal: GoalResultLike) -> bool:
    """Goals the plan lifts: the failed ones, and an unmet Muss goal that still runs (it keeps
    the customer rot, so closing the next steps must lift it too)."""
    return goal_failed(goal.state) or (is_muss_goal(goal) and goal.state is GoalState.LAEUFT)


def tie(value: float) -> int:
    """``value`` (>= 0) in units of 1e-9, so float noise cannot decide an order."""
    return int(value * _TIE_SCALE + 0.5)  # round(value, 9) is four times slower


_TIE_SCALE = 10.0**TIE_DIGITS


def gap_order(
    knockout: bool, level: Level, big_w: float, w: float, d: float, sid: str
) -> tuple[bool, int, int, str]:
    """Gap order (SPEC §3): knock-outs, then effective level Muss > Soll > Kann, then gain
    (largest first), then id. The gain 100*W*w*(1-d)/sum(W*w) orders as W*w*(1-d), since every
    gap of a customer shares the factor."""
    return (not knockout, level.rank, -tie(big_w * w * (1 - d)), sid)


def candidate_order(
    big_w: float, w: float, d: float, effort: int | None, sid: str
) -> tuple[int, int, int, str]:
    """Order of a goal's candidate gaps in the plan: largest w*(1-d) first, then lower effort
    (unknown last), then higher gain (W*w*(1-d)), then id."""
    effort_key = UNKNOWN_EFFORT if effort is None else effort
    return (-tie(w * (1 - d)), effort_key, -tie(big_w * w * (1 - d)), sid)


def rounded(value: float, digits: int) -> float:
    """``value`` rounded to ``digits`` decimals, halves up (away from zero), in every format and
    gate. A value within EPSILON below a half is taken as the half: it is one in exact
    arithmetic, and only float noise put it below (81.25 computed as 81.24999999999999)."""
    scale = 10.0**digits
    n = math.floor(abs(value) * scale + (0.5 + EPSILON * scale))
    return -n / scale if value < 0 and n else n / scale


def degree_digits(d: float, digits: int) -> int:
    """The decimals to show degree ``d`` with: ``digits``, or more where a partial delivery
    (0 < d < 1) would otherwise show as 0 or 1."""
    while 0 < d < 1 and digits < _MAX_DIGITS and rounded(d, digits) in (0.0, 1.0):
        digits += 1
    return digits


_MAX_DIGITS = 12
