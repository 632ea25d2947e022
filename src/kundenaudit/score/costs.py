"""Service costs of one customer (SPEC §3.1): delivered, to green, and the margin after them."""

from __future__ import annotations

import math
from weakref import WeakKeyDictionary

from kundenaudit.model.catalog import Catalog
from kundenaudit.model.results import CustomerScore

_Costs = tuple[dict[str, float], str | None]
_MEMO: WeakKeyDictionary[Catalog, _Costs] = WeakKeyDictionary()  # made once per catalog


def _costs(cat: Catalog) -> _Costs:
    """Service id -> cost (services with a cost only), and the margin metric's id."""
    found = _MEMO.get(cat)
    if found is None:
        costs = {s.id: float(s.cost) for s in cat.spec.services if s.cost is not None}
        margin = next((m.id for m in cat.spec.metrics if m.margin), None)
        found = _MEMO[cat] = (costs, margin)
    return found


def with_costs(cat: Catalog, segment: str, score: CustomerScore) -> CustomerScore:
    """``score`` with ``cost_delivered = sum(cost * d)`` over the applicable services,
    ``cost_to_green = sum(cost * (1 - d))`` over the next steps, and the margin metric's value
    minus the delivered cost; all stay None when no service of the catalog has a cost."""
    costs, margin = _costs(cat)
    if not costs:
        return score
    levels = cat.segments[segment].levels
    exempt = set(score.exempt)
    degree = {g.service: g.degree for g in score.gaps}  # every other applicable service: d = 1
    score.cost_delivered = math.fsum(
        cost * degree.get(sid, 1.0)
        for sid, cost in costs.items()
        if levels[sid] is not None and sid not in exempt
    )
    score.cost_to_green = math.fsum(
        costs[sid] * (1 - degree[sid]) for sid in score.next_steps if sid in costs
    )
    value = (score.kpis or {}).get(margin) if margin is not None else None
    if value is not None:
        score.margin_after_cost = value - score.cost_delivered
    return score
