"""How a scorecard shows its gaps: each service with its outside ref, narrowed on request.

A catalog of 989 services gives a customer hundreds of gaps; ``--level``, ``--category`` and
``--top`` narrow the gap table (never the result: JSON and the next steps keep every gap),
and a line under it says how many it shows of how many.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kundenaudit.model.i18n import Lang, t
from kundenaudit.model.results import Gap
from kundenaudit.model.vocabulary import Level
from kundenaudit.render import cells as c
from kundenaudit.render.cells import Cell, Line

if TYPE_CHECKING:
    from kundenaudit.model.catalog import Service

_DIGITS = re.compile(r"(\d+)")


def natural(text: str) -> tuple[tuple[str | int, ...], str]:
    """Sort key that orders the numbers in ids by value: ``konf-12-2`` before ``konf-12-14``,
    ``K-9`` before ``K-10``; the text itself breaks ties (``a01`` before ``a1``)."""
    parts = _DIGITS.split(text)
    return tuple(int(p) if i % 2 else p for i, p in enumerate(parts)), text


@dataclass(frozen=True)
class GapView:
    """The catalog's services (for ``ref`` and ``category``) and the narrowing asked for."""

    services: Mapping[str, Service] = field(default_factory=dict)
    levels: tuple[Level, ...] = ()  # effective levels to show; empty: all
    categories: tuple[str, ...] = ()  # categories to show (any case); empty: all
    top: int | None = None  # the first N of those; None or 0: all

    def service(self, sid: str, name: str | None) -> Cell:
        """``id (ref): name``: the ref beside the id, as SPEC §2.1 says."""
        svc = self.services.get(sid)
        return c.service(sid, name, svc.ref if svc is not None else None)

    def keep(self, gap: Gap) -> bool:
        """Whether the gap passes ``--level`` and ``--category``."""
        if self.levels and Level(gap.level) not in self.levels:
            return False
        if not self.categories:
            return True
        svc = self.services.get(gap.service)
        wanted = {x.casefold() for x in self.categories}
        return svc is not None and (svc.category or "").casefold() in wanted

    def shown(self, gaps: list[Gap]) -> list[Gap]:
        """The gaps the table shows, in the order of the result (SPEC §3)."""
        kept = [g for g in gaps if self.keep(g)]
        return kept[: self.top] if self.top else kept

    def note(self, shown: int, total: int, lang: Lang) -> list[Line]:
        """``12 von 980 Lücken gezeigt (Stufe Muss; die ersten 12) ...``, when narrowed."""
        if shown == total:
            return []
        why = []
        if self.levels:
            levels = ", ".join(lv.label for lv in self.levels)
            why.append(f"{t('level', lang)} {levels}")
        if self.categories:
            why.append(f"{t('category', lang)} {', '.join(self.categories)}")
        if self.top and shown == self.top:
            why.append(t("first_n", lang, n=str(self.top)))
        text = t("gaps_shown", lang, shown=str(shown), total=str(total), why="; ".join(why))
        return [c.line(text)]
