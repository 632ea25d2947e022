"""The resolved services x segments matrix as plain rows, shared by the text renderers."""

from __future__ import annotations

from dataclasses import dataclass

from kundenaudit.model.catalog import Catalog, Goal, Service
from kundenaudit.model.i18n import Lang, t
from kundenaudit.model.vocabulary import Level
from kundenaudit.render import cells as c
from kundenaudit.render.cells import Cell, Row
from kundenaudit.score.rules import (
    effective_level,
    is_differentiator,
    is_knockout,
    muss_by_competition,
)


@dataclass(frozen=True, kw_only=True)
class CatalogView:
    """What `catalog` shows: the matrix and each segment's goals, as text cells."""

    title: str
    header: list[str]
    rows: list[Row]
    goals: list[tuple[str, list[str]]]  # (segment label, goal lines)
    legend: str


def build(catalog: Catalog, segment_ids: list[str], lang: Lang) -> CatalogView:
    """Rows of the matrix for ``segment_ids``."""
    header = [t("service", lang), t("category", lang)]
    header += [catalog.segments[s].name for s in segment_ids]
    rows = []
    for svc in catalog.services.values():
        row = [c.service(svc.id, svc.name, svc.ref), c.text(svc.category or "")]
        row += [cell(svc, catalog.segments[s].levels[svc.id], lang) for s in segment_ids]
        rows.append(row)
    goals = [
        (
            f"{catalog.segments[s].name} ({s})",
            [goal_text(g, lang) for g in catalog.segments[s].goals],
        )
        for s in segment_ids
    ]
    title = catalog.name + (f" {catalog.version}" if catalog.version else "")
    return CatalogView(
        title=title, header=header, rows=rows, goals=goals, legend=t("legend_catalog", lang)
    )


def cell(svc: Service, level: Level | None, lang: Lang) -> Cell:
    """``Muss!``, ``Muss*``, ``Kann◆`` or the entfaellt word."""
    if level is None:
        return c.level(t("entfaellt", lang), None)
    eff = effective_level(svc.competition, level)
    text = eff.label
    if muss_by_competition(level, eff):
        text += "*"
    if is_knockout(svc.knockout, eff):
        text += "!"
    if is_differentiator(svc.competition):
        text += "◆"
    return c.level(text, eff)


def goal_text(goal: Goal, lang: Lang) -> str:
    """``Soll ≥ 90 % bis 2027-06-30``."""
    if goal.level is not None:
        what = goal.level.label
    else:
        what = t("goal_services", lang, items=", ".join(goal.services or ()))
    when = f"{t('by', lang)} {goal.by.isoformat()}" if goal.by else f"({t('standing', lang)})"
    return f"{what} ≥ {goal.min:g} % {when}"
