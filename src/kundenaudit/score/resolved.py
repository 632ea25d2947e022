"""The resolved catalog as scoring uses it: the catalog with every segment's entries."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kundenaudit.model.catalog import Catalog, Metric, Segment, Service, Weights

if TYPE_CHECKING:  # the engine's types, imported when a segment is first scored
    from kundenaudit.model.catalog_file import CatalogFile
    from kundenaudit.score.entries import SegmentEntries, SegmentService
    from kundenaudit.score.items import GapBudget


class SegmentTable:
    """The entries of each segment of a catalog, made the first time a segment is scored: a
    catalog of many segments costs nothing at start-up for the segments a run never meets."""

    __slots__ = ("_budget", "_made", "_segments", "_services", "_weights")

    def __init__(
        self, services: Mapping[str, Service], segments: Mapping[str, Segment], w: Weights
    ) -> None:
        self._services = services
        self._segments = segments
        self._weights = w
        self._made: dict[str, SegmentEntries] = {}
        self._budget: GapBudget | None = None  # the gaps all segments' items keep, shared

    def __getitem__(self, segment: str) -> SegmentEntries:
        found = self._made.get(segment)
        if found is None:
            from kundenaudit.score.entries import build  # noqa: PLC0415 - validate needs none
            from kundenaudit.score.items import GapBudget  # noqa: PLC0415

            if self._budget is None:
                self._budget = GapBudget()
            found = build(self._services, self._segments[segment], self._weights, self._budget)
            self._made[segment] = found
        return found


@dataclass(frozen=True, eq=False, kw_only=True)  # compared and hashed by identity, as every Catalog
class ScoringCatalog(Catalog):
    """A resolved catalog (what ``score.catalog.resolve`` gives) with its segments' entries."""

    entries: SegmentTable
    costs: dict[str, float]  # service id -> cost, for the services with a cost
    margin: str | None  # the margin metric's id


def assemble(
    *,
    name: str,
    version: str | None,
    source: str | None,
    language: str,
    weights: Weights,
    metrics: dict[str, Metric],
    services: dict[str, Service],
    segments: dict[str, Segment],
    file: Callable[[], CatalogFile],
) -> ScoringCatalog:
    """The resolved catalog of these parts, with what scoring derives from them."""
    return ScoringCatalog(
        name=name,
        version=version,
        source=source,
        language=language,
        weights=weights,
        metrics=metrics,
        services=services,
        segments=segments,
        file=file,
        entries=SegmentTable(services, segments, weights),
        costs={sid: float(s.cost) for sid, s in services.items() if s.cost is not None},
        margin=next((m.id for m in metrics.values() if m.margin), None),
    )


def scoring(cat: Catalog) -> ScoringCatalog:
    """``cat`` as ``score.catalog.resolve`` made it, with what scoring needs besides."""
    if not isinstance(cat, ScoringCatalog):
        raise TypeError("a catalog is scored as score.catalog.resolve made it")
    return cat


def segment_entries(cat: Catalog, segment: str) -> SegmentEntries:
    """The entries of ``segment`` in ``cat``, which ``score.catalog.resolve`` made."""
    return scoring(cat).entries[segment]


def entries(cat: Catalog, segment: str) -> tuple[SegmentService, ...]:
    """The applicable-by-level services of ``segment``, in id order."""
    return segment_entries(cat, segment).entries
