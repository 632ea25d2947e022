"""Sections of metric goals and service costs (SPEC §3.1), for the scorecard and the portfolio."""

from __future__ import annotations

from kundenaudit.model.i18n import Lang, t
from kundenaudit.model.results import CustomerScore, Portfolio
from kundenaudit.render import cells as c
from kundenaudit.render import score_view as v
from kundenaudit.render.cells import Cell
from kundenaudit.render.sections import Section, SectionKind


def number(value: float | None) -> str:
    """``50 000`` or ``4.25``: grouped by a no-break space, at most two decimals."""
    if value is None:
        return v.DASH
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\u00a0")


def number_cell(value: float | None) -> Cell:
    """:func:`number` as a number cell."""
    return c.number(number(value), value)


def scorecard(s: CustomerScore, lang: Lang) -> list[Section]:
    """The customer's metric goals and costs; nothing when the catalog has neither."""
    out = []
    if s.metric_goals:
        rows = [
            [
                c.text(g.metric),
                number_cell(g.target),
                c.text(g.by.isoformat() if g.by else t("standing", lang)),
                number_cell(g.actual),
                c.text(t(f"state.{g.state.value}", lang)),
            ]
            for g in s.metric_goals
        ]
        header = [t("metric", lang), t("target", lang), t("by", lang), t("actual", lang)]
        out.append(
            Section(
                title=t("metric_goals", lang),
                kind=SectionKind.TABLE,
                header=[*header, t("state", lang)],
                rows=rows,
            )
        )
    if s.cost_delivered is not None:
        lines = [
            c.line(
                f"{t('cost_delivered', lang)}: {number(s.cost_delivered)} · "
                f"{t('cost_to_green', lang)}: {number(s.cost_to_green)}{uncosted(s, lang)}"
            )
        ]
        if s.margin_after_cost is not None:
            lines.append(c.line(f"{t('margin_after_cost', lang)}: {number(s.margin_after_cost)}"))
        out.append(Section(title=t("costs", lang), kind=SectionKind.LINES, lines=lines))
    return out


def uncosted(s: CustomerScore, lang: Lang) -> str:
    """`` (none of the next steps has a cost ...)`` when the cost to green is 0 although next
    steps remain (each has d < 1, so a cost of its own would count); else nothing."""
    return f" ({t('cost_to_green_none', lang)})" if s.next_steps and not s.cost_to_green else ""


def summary_lines(p: Portfolio, lang: Lang) -> list[str]:
    """The summed cost to green of red customers, shown beside the value at risk."""
    if p.cost_to_green_red is None:
        return []
    return [f"{t('cost_to_green_red', lang)}: {number(p.cost_to_green_red)}"]


def portfolio(p: Portfolio, lang: Lang) -> list[Section]:
    """Per segment and metric: customers with a value, mean, sum, target, share meeting it."""
    if not p.metrics:
        return []
    header = [
        t("segment", lang),
        t("metric", lang),
        f"{t('customers', lang)} {t('with_value', lang)}",
        t("mean", lang),
        t("sum", lang),
        t("target", lang),
        t("meeting", lang),
    ]
    rows = [
        [
            c.text(seg),
            c.text(mid),
            c.number(str(m.customers), m.customers),
            number_cell(m.mean),
            number_cell(m.sum),
            number_cell(m.target),
            v.pct_cell(m.meeting),
        ]
        for seg, row in p.metrics.items()
        for mid, m in row.items()
    ]
    # sum, customers with a value, target go first on a narrow terminal
    return [
        Section(
            title=t("metrics", lang),
            kind=SectionKind.TABLE,
            header=header,
            rows=rows,
            optional=(4, 2, 5),
        )
    ]
