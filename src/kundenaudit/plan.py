"""Next steps: the fewest gaps to close to turn a customer green (SPEC §3, the greedy rule)."""

from __future__ import annotations

from collections.abc import Sequence

from kundenaudit.catalog import Goal
from kundenaudit.results import Gap, GoalResult
from kundenaudit.scoreitems import EPSILON, Item, measures, tie
from kundenaudit.words import GoalState, Level

UNKNOWN_EFFORT = 6  # a gap without effort sorts after every known effort (1..5)
_FAILED = (GoalState.VERFEHLT, GoalState.UEBERFAELLIG)


def next_steps(
    gaps: list[Gap], items: list[Item], goals: Sequence[Goal], results: list[GoalResult]
) -> list[str]:
    """Every knock-out gap, then per failed goal the fewest gaps lifting it to its min."""
    chosen = {g.service for g in gaps if g.knockout}
    gain = {g.service: g.gain for g in gaps}
    for goal, result in zip(goals, results, strict=True):
        if not _counts(goal, result):
            continue
        measured = [i for i in items if measures(goal, i)]
        candidates = sorted(
            (i for i in measured if i.degree < 1 and i.svc.id not in chosen),
            key=lambda i: (
                -tie(i.svc.weight * (1 - i.degree)),
                i.svc.effort if i.svc.effort is not None else UNKNOWN_EFFORT,
                -tie(gain[i.svc.id]),
                i.svc.id,
            ),
        )
        for item in candidates:
            if _coverage(measured, chosen) + EPSILON >= goal.min:
                break
            chosen.add(item.svc.id)
    return [g.service for g in gaps if g.service in chosen]


def _counts(goal: Goal, result: GoalResult) -> bool:
    """Failed goals count; so does an unmet Muss goal, which keeps the Ampel rot even while
    its deadline is still ahead."""
    if result.state in _FAILED:
        return True
    is_muss_goal = goal.level is Level.MUSS and goal.services is None
    return is_muss_goal and result.state is GoalState.LAEUFT


def _coverage(measured: list[Item], chosen: set[str]) -> float:
    num = den = 0.0
    for i in measured:
        d = 1.0 if i.svc.id in chosen else i.degree
        num += i.svc.weight * d
        den += i.svc.weight
    return 100.0 if den == 0 else 100 * num / den
