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
        if _counts(goal, result):
            _lift(goal, [i for i in items if measures(goal, i)], chosen, gain)
    return [g.service for g in gaps if g.service in chosen]


def _lift(goal: Goal, measured: list[Item], chosen: set[str], gain: dict[str, float]) -> None:
    """Add the fewest of ``measured``'s gaps to ``chosen`` that lift ``goal`` to its min."""
    num = den = 0.0
    open_items = []
    for i in measured:
        w = i.entry.svc.weight
        den += w
        if i.entry.svc.id in chosen:
            num += w
        else:
            num += w * i.degree
            if i.degree < 1:
                open_items.append(i)
    open_items.sort(key=lambda i: _priority(i, gain))
    for item in open_items:
        if den == 0 or 100 * num / den + EPSILON >= goal.min:
            break
        chosen.add(item.entry.svc.id)
        num += item.entry.svc.weight * (1 - item.degree)


def _priority(item: Item, gain: dict[str, float]) -> tuple[float, int, float, str]:
    """Largest w*(1-d) first; ties: lower effort, then higher gain, then id."""
    svc = item.entry.svc
    effort = svc.effort if svc.effort is not None else UNKNOWN_EFFORT
    return (-tie(svc.weight * (1 - item.degree)), effort, -tie(gain[svc.id]), svc.id)


def _counts(goal: Goal, result: GoalResult) -> bool:
    """Failed goals count; so does an unmet Muss goal, which keeps the Ampel rot even while
    its deadline is still ahead."""
    if result.state in _FAILED:
        return True
    is_muss_goal = goal.level is Level.MUSS and goal.services is None
    return is_muss_goal and result.state is GoalState.LAEUFT
