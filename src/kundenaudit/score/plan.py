"""Next steps: the fewest gaps to close to turn a customer green (SPEC §3, the greedy rule)."""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter

from kundenaudit.model.catalog import Goal
from kundenaudit.model.results import Gap, GoalResult
from kundenaudit.score.rules import counts_in_plan, goal_met
from kundenaudit.score.tally import Measure, Tally, measure


def next_steps(
    gaps: list[Gap],
    knockouts: list[str],
    tally: Tally,
    goals: Sequence[Goal],
    results: list[GoalResult],
) -> list[str]:
    """Every knock-out gap (``knockouts``: their services), then per failed goal the fewest
    gaps lifting it to its min."""
    chosen = set(knockouts)
    for goal, result in zip(goals, results, strict=True):
        if counts_in_plan(result):
            _lift(goal, measure(goal, tally), chosen)
    return [g.service for g in gaps if g.service in chosen]


def _lift(goal: Goal, m: Measure, chosen: set[str]) -> None:
    """Add the fewest of the goal's gaps to ``chosen`` that lift it to its min."""
    den = m.den
    if not den:
        return
    num = m.num
    if chosen:
        candidates = []
        for i in m.open:
            if i.sid in chosen:  # already chosen gaps count as fulfilled
                num += i.missing
            else:
                candidates.append(i)
    else:
        candidates = m.open
    if goal_met(100 * num / den, goal.min):
        return
    # keys are unique (they end with the service's position): Items are never compared
    for item in sorted(candidates, key=_LIFT_KEY):
        chosen.add(item.sid)
        num += item.missing
        if goal_met(100 * num / den, goal.min):
            return


_LIFT_KEY = attrgetter("lift_key")
