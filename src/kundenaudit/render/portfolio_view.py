"""The portfolio as sections: the summary first, then the customers (at most ``top`` of them)."""

from __future__ import annotations

import dataclasses

from kundenaudit.model.i18n import Lang, t
from kundenaudit.model.options import SortKey
from kundenaudit.model.results import ResultDocument
from kundenaudit.model.vocabulary import Ampel
from kundenaudit.render import cells as c
from kundenaudit.render import metric_view
from kundenaudit.render import score_view as v
from kundenaudit.render.gap_view import GapView
from kundenaudit.render.sections import GAP_OPTIONAL, Section, SectionKind, sort_customers

# first step, Kann, Soll, gaps, segment, Muss, name; id, Ampel and index always stay
CUSTOMER_OPTIONAL = (9, 7, 6, 8, 2, 5, 1)


def portfolio(
    doc: ResultDocument,
    lang: Lang,
    top: int | None,
    detail: bool,
    order: SortKey = SortKey.STATUS,
    gaps: GapView | None = None,
) -> list[Section]:
    """Totals, Ampel and segment counts, most frequent gaps, heat-map, metrics; then the
    customers, the first ``top`` of them in ``order`` (None or 0: all), with a line saying
    how many were left out; with ``detail`` each shown customer's gaps (those ``gaps``
    keeps)."""
    view = gaps or GapView()
    ordered = sort_customers(doc.customers, order)
    shown = ordered[:top] if top else ordered
    out = summary(doc, lang, view)
    left = [c.line(t("customers_shown", lang, shown=str(len(shown)), total=str(len(ordered))))]
    customers = Section(
        title=t("customers", lang),
        kind=SectionKind.TABLE,
        header=v.customer_header(lang),
        rows=[v.customer_row(s, lang) for s in shown],
        lines=left if len(shown) < len(ordered) else [],
        optional=CUSTOMER_OPTIONAL,
    )
    out.append(without_empty_columns(customers))
    if detail:
        for s in shown:
            out.append(
                Section(
                    title=f"{t('gaps', lang)}: {s.id}",
                    kind=SectionKind.TABLE,
                    header=v.gap_header(lang),
                    rows=v.gap_rows([g for g in s.gaps if view.keep(g)], lang, view.service),
                    optional=GAP_OPTIONAL,
                )
            )
    return out


def summary(doc: ResultDocument, lang: Lang, view: GapView) -> list[Section]:
    """What a portfolio of any size shows in full, before its customers."""
    p = doc.portfolio
    totals = [
        f"{t('customers', lang)}: {p.customers} · {t('mean_index', lang)}: {v.fmt1(p.index_mean)}"
    ]
    if p.value_at_risk is not None:
        totals.append(f"{t('value_at_risk', lang)}: {v.money(p.value_at_risk)}")
    totals += metric_view.summary_lines(p, lang)
    title = f"{t('catalog', lang)}: {doc.catalog.name}"
    out = [
        Section(title=title, kind=SectionKind.LINES, lines=[c.line(x) for x in totals]),
        Section(
            title=t("by_status", lang),
            kind=SectionKind.TABLE,
            header=[t("status", lang), t("customers", lang)],
            rows=[[v.ampel_cell(Ampel(k), lang), c.number(str(n), n)] for k, n in p.status.items()],
        ),
        Section(
            title=t("by_segment", lang),
            kind=SectionKind.TABLE,
            header=[t("segment", lang), t("customers", lang), t("mean_index", lang)],
            rows=[
                [c.text(k), c.number(str(s.customers), s.customers), v.num_cell(s.index_mean)]
                for k, s in p.segments.items()
            ],
        ),
    ]
    if p.top_gaps:
        out.append(
            Section(
                title=t("top_gaps", lang),
                kind=SectionKind.TABLE,
                header=v.top_gap_header(lang, p),
                rows=v.top_gap_rows(p, view.service),
                optional=(4, 3, 1),  # value, share, level
            )
        )
    head, rows = v.heatmap_table(p, lang)
    last_first = tuple(range(len(head) - 1, 0, -1))  # segments, the last first
    out.append(
        Section(
            title=t("heatmap", lang),
            kind=SectionKind.HEATMAP,
            header=head,
            rows=rows,
            optional=last_first,
        )
    )
    return out + metric_view.portfolio(p, lang)


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
