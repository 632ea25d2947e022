"""`score --format xlsx`: a workbook with the sheets Portfolio, Lücken, Heat-Map and Ziele, and
Metriken where the catalog declares metrics (their values are also columns of Portfolio).

Customers are written as they are scored (no scorecard is kept), in input order; the heat-map
follows once every customer is in. Numbers are numbers with a format, dates are dates, the Ampel
is a word with a conditional colour, and every text is stored as text, never as a formula.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kundenaudit.load.xlsx.cells import column_letters
from kundenaudit.model.i18n import Lang, t
from kundenaudit.model.results import CustomerScore, Portfolio
from kundenaudit.model.vocabulary import Level
from kundenaudit.render.json_data import r2
from kundenaudit.render.score_view import ampel_label, goal_label, level_label
from kundenaudit.render.xlsx_book import Book, Sheet
from kundenaudit.render.xlsx_cells import Column

if TYPE_CHECKING:
    from kundenaudit.score.pipeline import Scoring

SHEETS = ("Portfolio", "Lücken", "Heat-Map", "Ziele", "Metriken")
AMPEL_COLOURS = {"rot": "#F4B6B6", "gelb": "#FCE8A6", "gruen": "#BFE3C4"}


def render(run: Scoring, lang: Lang) -> bytes:
    """The workbook of a scoring run."""
    book = Book(run.job.today)
    metrics = list(run.job.cat.metrics)
    portfolio = book.sheet(SHEETS[0], _portfolio_columns(lang, metrics))
    gaps = book.sheet(SHEETS[1], _gap_columns(lang))
    heatmap = book.sheet(SHEETS[2])  # its columns, the segments, are known at the end
    goals = book.sheet(SHEETS[3], _goal_columns(lang))
    summary = book.sheet(SHEETS[4], _metric_columns(lang)) if metrics else None
    levels = Labels(level_label)  # the labels of a gap row, each worked out once
    statuses = Labels(lambda s: t(f"status.{s}", lang))
    for score in run.scores():
        portfolio.add(_portfolio_row(score, lang, metrics))
        steps = set(score.next_steps)
        for g in score.gaps:
            gaps.add(
                [
                    score.id,
                    g.service,
                    g.name,
                    levels[g.level],
                    g.knockout,
                    statuses[g.status],
                    r2(g.degree),
                    r2(g.gain),
                    g.effort,
                    g.action,
                    g.service in steps,
                ]
            )
        for goal in score.goals:
            state = t(f"state.{goal.state.value}", lang)
            goals.add(
                [
                    score.id,
                    score.segment,
                    goal_label(goal, lang),
                    goal.min,
                    goal.by,
                    r2(goal.actual),
                    state,
                ]
            )
        for mg in score.metric_goals:
            goals.add(
                [
                    score.id,
                    score.segment,
                    f"{t('metric', lang)}: {mg.metric}",
                    mg.target,
                    mg.by,
                    r2(mg.actual),
                    t(f"state.{mg.state.value}", lang),
                ]
            )
    _colour_ampel(portfolio, 3, lang)
    totals = run.portfolio()
    _heatmap(heatmap, totals, lang)
    if summary is not None:
        for seg, row in totals.metrics.items():
            for mid, m in row.items():
                summary.add([seg, mid, m.customers, r2(m.mean), r2(m.sum), m.target, r2(m.meeting)])
    return book.close()


class Labels(dict[Any, str]):
    """Labels by key, each made by ``make`` when first asked for."""

    def __init__(self, make: Callable[[Any], str]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> str:
        label = self[key] = self.make(key)
        return label


def _portfolio_columns(lang: Lang, metrics: list[str]) -> list[Column]:
    """The customer's fields and results, then one column per metric (its id) with its value."""
    return [
        Column(t("customer", lang)),
        Column(t("name", lang)),
        Column(t("segment", lang)),
        Column(t("status", lang)),
        Column(t("index", lang), "num1"),
        Column("Muss", "num1"),
        Column("Soll", "num1"),
        Column("Kann", "num1"),
        Column(t("gaps", lang), "int"),
        Column(t("knockout", lang)),
        Column(t("next_steps", lang)),
        Column(t("manager", lang)),
        Column(t("value", lang), "money"),
        Column(t("audited", lang), "date"),
        *(Column(m, "number") for m in metrics),
    ]


def _portfolio_row(s: CustomerScore, lang: Lang, metrics: list[str]) -> list[object]:
    kpis = s.kpis or {}
    return [
        s.id,
        s.name,
        s.segment,
        ampel_label(s.status, lang),
        r2(s.index),
        r2(s.coverage[Level.MUSS]),
        r2(s.coverage[Level.SOLL]),
        r2(s.coverage[Level.KANN]),
        len(s.gaps),
        " ".join(s.knockouts) or None,
        " ".join(s.next_steps) or None,
        s.manager,
        s.value,
        s.audited,
        *(kpis.get(m) for m in metrics),
    ]


def _gap_columns(lang: Lang) -> list[Column]:
    return [
        Column(t("customer", lang)),
        Column(t("service", lang)),
        Column(t("name", lang)),
        Column(t("level", lang)),
        Column(t("knockout", lang), "bool"),
        Column(t("status", lang)),
        Column(t("degree", lang), "num2"),
        Column(t("gain", lang), "num2"),
        Column(t("effort", lang), "int"),
        Column(t("action", lang)),
        Column(t("next_steps", lang), "bool"),
    ]


def _goal_columns(lang: Lang) -> list[Column]:
    return [
        Column(t("customer", lang)),
        Column(t("segment", lang)),
        Column(t("goal", lang)),
        Column(t("target", lang), "num1"),
        Column(t("by", lang), "date"),
        Column(t("actual", lang), "num1"),
        Column(t("state", lang)),
    ]


def _metric_columns(lang: Lang) -> list[Column]:
    return [
        Column(t("segment", lang)),
        Column(t("metric", lang)),
        Column(f"{t('customers', lang)} {t('with_value', lang)}", "int"),
        Column(t("mean", lang), "number2"),
        Column(t("sum", lang), "number2"),
        Column(t("target", lang), "number2"),
        Column(f"{t('meeting', lang)} (%)", "num1"),
    ]


def _colour_ampel(sheet: Sheet, col: int, lang: Lang) -> None:
    """The Ampel column's words coloured by a conditional format (the word stays the value)."""
    for word, colour in AMPEL_COLOURS.items():
        sheet.highlight(col, t(f"ampel.{word}", lang), colour)


def _heatmap(sheet: Sheet, p: Portfolio, lang: Lang) -> None:
    """Services as rows, segments as columns, percent fulfilled as numbers; a colour scale."""
    segments = list(p.heatmap)
    services = list(next(iter(p.heatmap.values()), {}))
    sheet.header([Column(t("service", lang)), *(Column(seg, "num1") for seg in segments)], 1)
    for sid in services:
        sheet.add([sid, *(r2(p.heatmap[seg][sid]) for seg in segments)])
    if segments and services:
        area = f"B2:{column_letters(len(segments) + 1)}{len(services) + 1}"
        sheet.colour_scale(area, (0, 50, 100), ("#F8696B", "#FFEB84", "#63BE7B"))
