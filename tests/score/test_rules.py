"""The readable rules of SPEC §3, one case per branch."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from kundenaudit.model.vocabulary import Ampel, Competition, GoalState, Level, Status
from kundenaudit.score import rules

AUDIT = dt.date(2026, 11, 20)


@dataclass
class G:
    level: Level | None
    services: tuple[str, ...] | None
    state: GoalState


def test_applicability_and_exemptions() -> None:
    assert rules.applies(Level.KANN)
    assert not rules.applies(None)  # entfaellt
    assert rules.exemption_valid(None, AUDIT)
    assert rules.exemption_valid(AUDIT, AUDIT)  # valid through its until date
    assert not rules.exemption_valid(AUDIT - dt.timedelta(days=1), AUDIT)


@pytest.mark.parametrize(
    ("competition", "level", "expected"),
    [
        (Competition.STANDARD, Level.KANN, Level.MUSS),
        (Competition.SOME, Level.KANN, Level.KANN),
        (Competition.NONE, Level.SOLL, Level.SOLL),
        (None, Level.SOLL, Level.SOLL),
    ],
)
def test_effective_level(competition: Competition | None, level: Level, expected: Level) -> None:
    assert rules.effective_level(competition, level) is expected


def test_knockout_and_competition_flags() -> None:
    assert rules.is_knockout(True, Level.MUSS)
    assert not rules.is_knockout(True, Level.SOLL)  # counts only where Muss
    assert not rules.is_knockout(False, Level.MUSS)
    assert rules.muss_by_competition(Level.KANN, Level.MUSS)
    assert not rules.muss_by_competition(Level.MUSS, Level.MUSS)
    assert rules.is_differentiator(Competition.NONE)
    assert not rules.is_differentiator(None)


@pytest.mark.parametrize(
    ("status", "given", "expected"),
    [
        (Status.ERFUELLT, None, 1.0),
        (Status.TEILWEISE, None, 0.5),
        (Status.TEILWEISE, 0.7, 0.7),
        (Status.NICHT_ERFUELLT, None, 0.0),
        (Status.OFFEN, None, 0.0),
    ],
)
def test_degree(status: Status, given: float | None, expected: float) -> None:
    assert rules.degree(status, given) == expected


def test_the_muss_goal() -> None:
    assert rules.is_muss_goal(G(Level.MUSS, None, GoalState.ERREICHT))
    assert rules.is_muss_goal(G("muss", None, GoalState.ERREICHT))  # type: ignore[arg-type]
    assert not rules.is_muss_goal(G(None, ("a",), GoalState.ERREICHT))
    assert not rules.is_muss_goal(G(Level.SOLL, None, GoalState.ERREICHT))


@pytest.mark.parametrize(
    ("actual", "minimum", "by", "expected"),
    [
        (None, 100, None, GoalState.ERREICHT),  # nothing to measure
        (70.0, 70, None, GoalState.ERREICHT),
        (70 - 1e-12, 70, None, GoalState.ERREICHT),  # float noise is no shortfall
        (69.9, 70, None, GoalState.VERFEHLT),
        (69.9, 70, AUDIT + dt.timedelta(days=1), GoalState.LAEUFT),
        (69.9, 70, AUDIT, GoalState.UEBERFAELLIG),  # on the by date itself: overdue
    ],
)
def test_goal_state(
    actual: float | None, minimum: float, by: dt.date | None, expected: GoalState
) -> None:
    assert rules.goal_state(actual, minimum, by, AUDIT) is expected


def test_ampel() -> None:
    met = G(Level.MUSS, None, GoalState.ERREICHT)
    runs = G(Level.MUSS, None, GoalState.LAEUFT)
    soll_missed = G(Level.SOLL, None, GoalState.VERFEHLT)
    soll_runs = G(Level.SOLL, None, GoalState.LAEUFT)
    assert rules.ampel(True, [met]) is Ampel.ROT
    assert rules.ampel(False, [runs]) is Ampel.ROT  # the Muss goal must be erreicht
    assert rules.ampel(False, [met, soll_missed]) is Ampel.GELB
    assert rules.ampel(False, [soll_missed, runs]) is Ampel.ROT  # rot wins whatever the order
    assert rules.ampel(False, [soll_missed, met]) is Ampel.GELB
    assert rules.ampel(False, [met, soll_runs]) is Ampel.GRUEN
    assert rules.ampel(False, []) is Ampel.GRUEN
    assert rules.decides(runs, Ampel.ROT) and not rules.decides(soll_missed, Ampel.ROT)
    assert rules.decides(soll_missed, Ampel.GELB)
    assert rules.counts_in_plan(runs) and rules.counts_in_plan(soll_missed)
    assert not rules.counts_in_plan(soll_runs) and not rules.counts_in_plan(met)


def test_gap_order() -> None:
    # (not knockout, rank, -tie(W*w*(1-d)), id): a knock-out Kann before a Muss
    ko_kann = rules.gap_order(True, Level.KANN, 1, 1, 0, "z")
    muss = rules.gap_order(False, Level.MUSS, 3, 1, 0, "a")
    assert ko_kann < muss
    # same level: W*w*(1-d) 3*2*0.5 = 3 ties with 3*1*1 = 3, so the id decides (a first)
    assert rules.gap_order(False, Level.MUSS, 3, 2, 0.5, "b") > rules.gap_order(
        False, Level.MUSS, 3, 1, 0, "a"
    )
    assert rules.gap_order(False, Level.MUSS, 3, 2, 0, "b") < muss  # 6 before 3


def test_candidate_order() -> None:
    # largest w*(1-d) first; then lower effort (unknown last); then higher gain; then id
    assert rules.candidate_order(1, 2, 0, 5, "b") < rules.candidate_order(3, 1, 0, 1, "a")
    assert rules.candidate_order(1, 1, 0, 1, "b") < rules.candidate_order(1, 1, 0, None, "a")
    assert rules.candidate_order(3, 1, 0, 2, "b") < rules.candidate_order(1, 1, 0, 2, "a")
    assert rules.candidate_order(1, 1, 0, 2, "a") < rules.candidate_order(1, 1, 0, 2, "b")


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (81.25, 1, 81.3),  # exactly on the half: up
        (81.24999999999999, 1, 81.3),  # 81.25 computed with float noise: still the half
        (81.2499, 1, 81.2),  # just below
        (81.2501, 1, 81.3),  # just above
        (0.285, 2, 0.29),  # the float 0.285 lies below 0.285; round() gives 0.28
        (2.675, 2, 2.68),
        (0.28499, 2, 0.28),
        (12.25, 1, 12.3),  # Python's round and "%.1f" round this half to even (12.2)
        (-0.05, 1, -0.1),  # away from zero
        (-0.04, 1, 0.0),  # no negative zero
        (283000.5, 0, 283001.0),
        (100.0, 2, 100.0),
    ],
)
def test_rounded_takes_halves_up(value: float, digits: int, expected: float) -> None:
    assert rules.rounded(value, digits) == expected
    assert str(rules.rounded(value, digits)) == str(expected)


@pytest.mark.parametrize(
    ("degree", "digits"),
    [(0.5, 2), (0.333, 2), (0.004, 3), (0.996, 3), (0.0004, 4), (0.9996, 4), (0.005, 2)],
)
def test_partial_degrees_never_show_as_0_or_1(degree: float, digits: int) -> None:
    # 0.005 rounds half up to 0.01, which is neither 0 nor 1: two digits are enough
    assert rules.degree_digits(degree, 2) == digits
    assert 0 < rules.rounded(degree, digits) < 1
