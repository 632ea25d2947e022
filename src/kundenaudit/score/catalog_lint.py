"""Catalog lint: the warnings of SPEC §2.1 (they never stop a catalog from being used)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from kundenaudit.model.catalog import Catalog
from kundenaudit.model.errors import Problem, Severity
from kundenaudit.model.vocabulary import Competition, Level
from kundenaudit.score.rules import is_muss_goal

if TYPE_CHECKING:
    from kundenaudit.model.catalog_mirror import AnyService, CatalogSpec


def lint(cf: CatalogSpec, cat: Catalog, today: dt.date) -> Iterator[Problem]:
    """The warnings of SPEC §2.1 over a valid, resolved catalog."""
    warn = Severity.WARNING
    for i, seg in enumerate(cf.segments):
        for j, g in enumerate(seg.goals):
            if is_muss_goal(g) and g.min is not None and g.min < 100:
                yield Problem(
                    loc=("segments", i, "goals", j, "min"),
                    message=f"segment '{seg.id}' lowers the Muss goal to {g.min:g} %",
                    rule="muss-goal-lowered",
                    severity=warn,
                    key=seg.id,
                )
        if all(lvl is None for lvl in cat.segments[seg.id].levels.values()):
            yield Problem(
                loc=("segments", i),
                message=f"segment '{seg.id}' has no applicable service",
                rule="empty-segment",
                severity=warn,
                key=seg.id,
            )
    for i, svc in enumerate(cf.services):
        yield from _service_warnings(i, svc, cat, today)


def _service_warnings(i: int, svc: AnyService, cat: Catalog, today: dt.date) -> Iterator[Problem]:
    warn = Severity.WARNING
    levels = [seg.levels[svc.id] for seg in cat.segments.values()]
    applicable = [lvl for lvl in levels if lvl is not None]
    if (
        svc.knockout
        and Level.MUSS not in applicable
        and svc.competition is not Competition.STANDARD
    ):
        yield Problem(
            loc=("services", i, "knockout"),
            message=f"knock-out on '{svc.id}', which is Muss in no segment",
            rule="knockout-not-muss",
            severity=warn,
            key=svc.id,
        )
    if svc.competition is Competition.STANDARD and any(lvl is not Level.MUSS for lvl in applicable):
        yield Problem(
            loc=("services", i, "competition"),
            message=f"'{svc.id}' is offered as standard by competitors but is not Muss in "
            "every segment; it is scored as Muss",
            rule="competition-standard",
            severity=warn,
            key=svc.id,
        )
    if svc.reviewed is not None and svc.reviewed > today:
        yield Problem(
            loc=("services", i, "reviewed"),
            message=f"'reviewed' date {svc.reviewed.isoformat()} is in the future",
            rule="reviewed-future",
            severity=warn,
            key=svc.id,
        )
    if not (svc.action or "").strip():
        yield Problem(
            loc=("services", i),
            message=f"service '{svc.id}' has no 'action'",
            rule="missing-action",
            severity=warn,
            key=svc.id,
        )
