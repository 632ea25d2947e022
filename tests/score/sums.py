"""The portfolio sums of a list of scorecards in one pass (the pipeline sums them as it scores)."""

from __future__ import annotations

from kundenaudit.model.catalog import Catalog
from kundenaudit.model.results import CustomerScore, Portfolio
from kundenaudit.score.portfolio import Accumulator


def aggregate(cat: Catalog, scores: list[CustomerScore], top: int = 10) -> Portfolio:
    """Totals by Ampel and segment, the most frequent gaps, the heat-map, value at risk."""
    acc = Accumulator()
    for s in scores:
        acc.add(s)
    return acc.result(cat, top)
