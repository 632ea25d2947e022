"""Score results as a list of titled sections, rendered alike by the table and Markdown formats."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kundenaudit.model.i18n import Lang, t
from kundenaudit.model.options import SortKey
from kundenaudit.model.results import CustomerScore, ResultDocument
from kundenaudit.model.vocabulary import Ampel
from kundenaudit.render import cells as c
from kundenaudit.render import score_view as v
from kundenaudit.render.cells import Line, Row


class SectionKind(str, enum.Enum):
    """How a section is drawn."""

    LINES = "lines"
    TABLE = "table"
    HEATMAP = "heatmap"


@dataclass(frozen=True)
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
# first step, Kann, Soll, gaps, segment, Muss, name; id, Ampel and index always stay
CUSTOMER_OPTIONAL = (9, 7, 6, 8, 2, 5, 1)


def scorecard(s: CustomerScore, lang: Lang) -> list[Section]:
    """Everything an account manager needs before a visit, most important first."""
    who = f"{s.id}" + (f" · {s.name}" if s.name else "")
    seg = f"{s.segment_name} ({s.segment})" if s.segment_name else s.segment
    cov = " · ".join(f"{v.level_label(k)} {v.pct(c)}" for k, c in s.coverage.items())
    verdict = c.ampel(v.ampel_label(s.status, lang).upper(), s.status)
    head = [  # the verdict first: what an account manager must see in five seconds
        c.line(f"{t('status', lang)}: ", verdict, f" ({v.reason(s, lang)})"),
        c.line(f"{t('index', lang)}: {v.fmt1(s.index)} · {t('coverage', lang)}: {cov}"),
        c.line(f"{t('segment', lang)}: {seg} · {t('audited', lang)}: {s.audited.isoformat()}"),
    ]
    if s.manager:
        head.append(c.line(f"{t('manager', lang)}: {s.manager}"))
    out = [Section(f"{t('customer', lang)} {who}", SectionKind.LINES, lines=head)]
    out.append(
        Section(t("goals", lang), SectionKind.TABLE, v.goal_header(lang), v.goal_rows(s, lang))
    )
    if s.gaps:
        out.append(
            Section(
                t("gaps", lang),
                SectionKind.TABLE,
                v.gap_header(lang),
                v.gap_rows(s, lang),
                lines=[c.line(v.gap_legend(lang))],
                optional=GAP_OPTIONAL,
            )
        )
    else:
        out.append(Section(t("gaps", lang), SectionKind.LINES, lines=[c.line(t("no_gaps", lang))]))
    steps = _step_lines(s)
    out.append(
        Section(
            t("next_steps", lang),
            SectionKind.LINES,
            lines=steps or [c.line(t("no_steps", lang))],
            numbered=bool(steps),
        )
    )
    if s.differentiators:
        ids = [c.line(c.service(i, None)) for i in s.differentiators]
        out.append(Section(t("differentiators", lang), SectionKind.LINES, lines=ids))
    if s.expired:
        ids = [c.line(c.service(i, None)) for i in s.expired]
        out.append(Section(t("expired", lang), SectionKind.LINES, lines=ids))
    from kundenaudit.render import metric_view  # noqa: PLC0415 - it builds on this module

    return out + metric_view.scorecard(s, lang)


def _step_lines(s: CustomerScore) -> list[Line]:
    action = {g.service: g.action for g in s.gaps}
    return [
        c.line(step, f": {action[step.key]}") if step.key and action.get(step.key) else (step,)
        for step in v.names(s, s.next_steps)
    ]


def portfolio(
    doc: ResultDocument,
    lang: Lang,
    top: int | None,
    detail: bool,
    order: SortKey = SortKey.STATUS,
) -> list[Section]:
    """The portfolio view: customers, totals, most frequent gaps, heat-map."""
    p = doc.portfolio
    ordered = sort_customers(doc.customers, order)[: top or None]
    summary = [
        f"{t('customers', lang)}: {p.customers} · {t('mean_index', lang)}: {v.fmt1(p.index_mean)}"
    ]
    if p.value_at_risk is not None:
        summary.append(f"{t('value_at_risk', lang)}: {v.money(p.value_at_risk)}")
    from kundenaudit.render import metric_view  # noqa: PLC0415 - it builds on this module

    summary += metric_view.summary_lines(p, lang)
    summary_lines = [c.line(x) for x in summary]
    out = [
        Section(
            f"{t('catalog', lang)}: {doc.catalog.name}", SectionKind.LINES, lines=summary_lines
        ),
        without_empty_columns(
            Section(
                t("customers", lang),
                SectionKind.TABLE,
                v.customer_header(lang),
                [v.customer_row(s, lang) for s in ordered],
                optional=CUSTOMER_OPTIONAL,
            )
        ),
        Section(
            t("by_status", lang),
            SectionKind.TABLE,
            [t("status", lang), t("customers", lang)],
            [[v.ampel_cell(Ampel(k), lang), c.number(str(n), n)] for k, n in p.status.items()],
        ),
        Section(
            t("by_segment", lang),
            SectionKind.TABLE,
            [t("segment", lang), t("customers", lang), t("mean_index", lang)],
            [
                [c.text(k), c.number(str(s.customers), s.customers), v.num_cell(s.index_mean)]
                for k, s in p.segments.items()
            ],
        ),
    ]
    if p.top_gaps:
        out.append(
            Section(
                t("top_gaps", lang),
                SectionKind.TABLE,
                v.top_gap_header(lang, p),
                v.top_gap_rows(p),
                optional=(4, 3, 1),  # value, share, level
            )
        )
    head, rows = v.heatmap_table(p, lang)
    last_first = tuple(range(len(head) - 1, 0, -1))  # segments, the last first
    out.append(Section(t("heatmap", lang), SectionKind.HEATMAP, head, rows, optional=last_first))
    out += metric_view.portfolio(p, lang)
    if detail:
        for s in ordered:
            out.append(
                Section(
                    f"{t('gaps', lang)}: {s.id}",
                    SectionKind.TABLE,
                    v.gap_header(lang),
                    v.gap_rows(s, lang),
                    optional=GAP_OPTIONAL,
                )
            )
    return out


def without_empty_columns(sec: Section) -> Section:
    """Drop columns no row fills (a CRM export without names shows no name column)."""
    header, rows = sec.header, sec.rows
    keep = [i for i in range(len(header)) if any(row[i].text for row in rows)] if rows else []
    keep = keep or list(range(len(header)))
    optional = tuple(keep.index(i) for i in sec.optional if i in keep)
    return dataclasses.replace(
        sec,
        header=[header[i] for i in keep],
        rows=[[row[i] for i in keep] for row in rows],
        optional=optional,
    )


def sort_customers(customers: list[CustomerScore], order: SortKey) -> list[CustomerScore]:
    """By Ampel then index (default), or by index, id, name or segment."""
    return sorted(customers, key=_SORT_KEYS[order])


_SORT_KEYS: dict[SortKey, Callable[[CustomerScore], Any]] = {
    SortKey.STATUS: v.sort_key,
    SortKey.INDEX: lambda s: (s.index if s.index is not None else 101.0, s.id),
    SortKey.ID: lambda s: s.id,
    SortKey.NAME: lambda s: ((s.name or "").lower(), s.id),
    SortKey.SEGMENT: lambda s: (s.segment, *v.sort_key(s)),
}
