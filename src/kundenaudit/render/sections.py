"""Score results as a list of titled sections, rendered alike by the table and Markdown formats."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kundenaudit.model.i18n import Lang, t
from kundenaudit.model.options import SortKey
from kundenaudit.model.results import CustomerScore
from kundenaudit.model.vocabulary import Status
from kundenaudit.render import cells as c
from kundenaudit.render import score_view as v
from kundenaudit.render.cells import Line, Row
from kundenaudit.render.gap_view import GapView, natural


class SectionKind(str, enum.Enum):
    """How a section is drawn."""

    LINES = "lines"
    TABLE = "table"
    HEATMAP = "heatmap"


@dataclass(frozen=True, kw_only=True)
class Section:
    """A heading with lines or a table."""

    title: str
    kind: SectionKind
    header: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    numbered: bool = False  # the lines are steps: 1., 2., ...
    optional: tuple[int, ...] = ()  # columns a narrow terminal may leave out, least useful first


# what a narrow terminal leaves out first: the action (the next steps repeat it), the gain
GAP_OPTIONAL = (4, 3)


def scorecard(s: CustomerScore, lang: Lang, gaps: GapView | None = None) -> list[Section]:
    """Everything an account manager needs before a visit, most important first; the gap
    table as ``gaps`` narrows it, every service with its ref."""
    view = gaps or GapView()
    who = f"{s.id}" + (f" · {s.name}" if s.name else "")
    seg = f"{s.segment_name} ({s.segment})" if s.segment_name else s.segment
    cov = " · ".join(f"{v.level_label(k)} {v.pct(c)}" for k, c in s.coverage.items())
    verdict = c.ampel(v.ampel_label(s.status, lang).upper(), s.status)
    head = [  # the verdict first: what an account manager must see in five seconds
        c.line(f"{t('status', lang)}: ", verdict, f" ({v.reason(s, lang)})"),
        c.line(f"{t('index', lang)}: {v.fmt1(s.index)} · {t('coverage', lang)}: {cov}"),
        c.line(assessed(s, lang)),
        c.line(f"{t('segment', lang)}: {seg} · {t('audited', lang)}: {s.audited.isoformat()}"),
    ]
    if s.manager:
        head.append(c.line(f"{t('manager', lang)}: {s.manager}"))
    out = [Section(title=f"{t('customer', lang)} {who}", kind=SectionKind.LINES, lines=head)]
    out.append(
        Section(
            title=t("goals", lang),
            kind=SectionKind.TABLE,
            header=v.goal_header(lang),
            rows=v.goal_rows(s, lang),
        )
    )
    if s.gaps:
        shown = view.shown(s.gaps)
        notes = view.note(len(shown), len(s.gaps), lang)
        out.append(
            Section(
                title=t("gaps", lang),
                kind=SectionKind.TABLE,
                header=v.gap_header(lang),
                rows=v.gap_rows(shown, lang, view.service),
                lines=[c.line(v.gap_legend(lang)), *notes],
                optional=GAP_OPTIONAL,
            )
        )
    else:
        out.append(
            Section(
                title=t("gaps", lang), kind=SectionKind.LINES, lines=[c.line(t("no_gaps", lang))]
            )
        )
    steps = _step_lines(s, view)
    out.append(
        Section(
            title=t("next_steps", lang),
            kind=SectionKind.LINES,
            lines=steps or [c.line(t("no_steps", lang))],
            numbered=bool(steps),
        )
    )
    for key, ids in (("differentiators", s.differentiators), ("expired", s.expired)):
        if ids:  # sorted by id in the result; shown in natural order (K-2 before K-10)
            lines = [c.line(view.service(i, None)) for i in sorted(ids, key=natural)]
            out.append(Section(title=t(key, lang), kind=SectionKind.LINES, lines=lines))
    from kundenaudit.render import metric_view  # noqa: PLC0415 - it builds on this module

    return out + metric_view.scorecard(s, lang)


def _step_lines(s: CustomerScore, view: GapView) -> list[Line]:
    gaps = {g.service: g for g in s.gaps}
    out = []
    for sid in s.next_steps:
        gap = gaps.get(sid)
        step = view.service(sid, gap.name if gap else None)
        out.append(c.line(step, f": {gap.action}") if gap and gap.action else (step,))
    return out


def assessed(s: CustomerScore, lang: Lang) -> str:
    """``Bewertet: 9 von 989 Leistungen``: the services that apply in the segment, and how
    many of them the record assessed (not `offen`; expired exemptions count as `offen`)."""
    total = sum(s.counts.values())
    return t("assessed", lang, n=str(total - s.counts.get(Status.OFFEN, 0)), total=str(total))


def sort_customers(customers: list[CustomerScore], order: SortKey) -> list[CustomerScore]:
    """By Ampel then index (default), or by index, id, name or segment."""
    return sorted(customers, key=_SORT_KEYS[order])


_SORT_KEYS: dict[SortKey, Callable[[CustomerScore], Any]] = {
    SortKey.STATUS: v.sort_key,
    SortKey.INDEX: lambda s: (s.index if s.index is not None else 101.0, s.id),
    SortKey.ID: lambda s: natural(s.id),
    SortKey.NAME: lambda s: ((s.name or "").lower(), s.id),
    SortKey.SEGMENT: lambda s: (s.segment, *v.sort_key(s)),
}
