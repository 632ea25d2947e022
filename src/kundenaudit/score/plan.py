"""Next steps: the fewest gaps to close to turn a customer green (SPEC §3, the greedy rule)."""

from __future__ import annotations

from collections.abc import Sequence

from kundenaudit.model.catalog import Goal
from kundenaudit.model.results import Gap, GoalResult
from kundenaudit.model.vocabulary import GoalState, Level
from kundenaudit.score.entries import EPSILON, Measure, Tally, measure

_FAILED = (GoalState.VERFEHLT, GoalState.UEBERFAELLIG)


def next_steps(
    gaps: list[Gap], tally: Tally, goals: Sequence[Goal], results: list[GoalResult]
) -> list[str]:
    """Every knock-out gap, then per failed goal the fewest gaps lifting it to its min."""
    chosen = {g.service for g in gaps if g.knockout}
    for goal, result in zip(goals, results, strict=True):
        if _counts(goal, result):
            _lift(goal, measure(goal, tally), chosen)
    return [g.service for g in gaps if g.service in chosen]


def _lift(goal: Goal, m: Measure, chosen: set[str]) -> None:
    """Add the fewest of the goal's gaps to ``chosen`` that lift it to its min."""
    if not m.den:
        return
    num = m.num
    candidates = []
    for i in m.open:
        if i.entry.sid in chosen:  # already chosen gaps count as fulfilled
            num += i.entry.w * (1 - i.degree)
        else:
            candidates.append(i)
    if 100 * num / m.den + EPSILON >= goal.min:
        return
    keyed = [(i.lift_key, i) for i in candidates]
    keyed.sort()  # keys are unique (they end with the service's position): Items never compared
    for _, item in keyed:
        chosen.add(item.entry.sid)
        num += item.entry.w * (1 - item.degree)
        if 100 * num / m.den + EPSILON >= goal.min:
            return


def _counts(goal: Goal, result: GoalResult) -> bool:
    """Failed goals count; so does an unmet Muss goal, which keeps the Ampel rot even while
    its deadline is still ahead."""
    if result.state in _FAILED:
        return True
    is_muss_goal = goal.level is Level.MUSS and goal.services is None
    return is_muss_goal and result.state is GoalState.LAEUFT
