"""What the report shows, prepared for its template: charts drawn, rows ordered, cards picked."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from markupsafe import Markup

from kundenaudit.model.catalog import Catalog
from kundenaudit.model.i18n import Lang
from kundenaudit.model.report import CardNote, GoalSums, ReportMeta, ReportSums
from kundenaudit.model.report_texts import rt
from kundenaudit.model.results import CustomerScore, GoalResult, ResultDocument
from kundenaudit.model.vocabulary import Ampel, GoalState, Level
from kundenaudit.render.report import charts
from kundenaudit.render.report.numbers import machine, money, number, percent
from kundenaudit.render.report.palette import SYMBOL, heat_step
from kundenaudit.render.score_view import sort_key
from kundenaudit.score.rules import decides

AMPELS = tuple(Ampel)
_WORST_FIRST = (GoalState.UEBERFAELLIG, GoalState.VERFEHLT, GoalState.LAEUFT)


@dataclass(frozen=True, kw_only=True)
class ReportInput:
    """Everything the report renders: the result, its catalog, the derived sums, the sources."""

    doc: ResultDocument
    catalog: Catalog
    sums: ReportSums
    meta: ReportMeta
    lang: Lang = Lang.DE
    notes: dict[str, dict[str, CardNote]] = field(default_factory=dict)  # per carded customer
    as_segment: str | None = None


def datum(value: float | int | None, text: str, key: str = "") -> Markup:
    """``<data value="71.43">71,4</data>``: the JSON number for machines, text for people."""
    k = f' data-k="{escape(key)}"' if key else ""
    return Markup(f'<data value="{machine(value)}"{k}>{escape(text)}</data>')


def ampel_badge(word: str, lang: Lang) -> Markup:
    """Colour, symbol and word: the Ampel never rests on colour alone."""
    label = rt(f"ampel.{word}", lang)
    return Markup(f'<span class="ampel a-{word}">{SYMBOL[word]}\u00a0{escape(label)}</span>')


def state_badge(state: str, lang: Lang) -> Markup:
    """A goal state as a badge with its word."""
    return Markup(f'<span class="state s-{state}">{escape(rt(f"state.{state}", lang))}</span>')


def cards(doc: ResultDocument, limit: int) -> tuple[list[CustomerScore], int]:
    """Red and amber customers, worst first, at most ``limit``; and how many were left out."""
    flagged = sorted((s for s in doc.customers if s.status is not Ampel.GRUEN), key=sort_key)
    return flagged[:limit], max(len(flagged) - limit, 0)


def ampel_charts(r: ReportInput) -> dict[str, Markup]:
    """The Ampel distribution as stacked bars: by count and, where known, by value."""
    p, lang = r.doc.portfolio, r.lang

    def parts(values: dict[Ampel, float], fmt: str) -> list[charts.Bar]:
        return [
            charts.Bar(rt(f"ampel.{a}", lang), values[a], _fmt(values[a], fmt, lang), f"f-{a}")
            for a in AMPELS
        ]

    def title(values: dict[Ampel, float], fmt: str) -> str:
        items = ", ".join(f"{rt(f'ampel.{a}', lang)} {_fmt(values[a], fmt, lang)}" for a in AMPELS)
        return f"{rt('ampel_distribution', lang)}: {items}"

    counts = {a: float(p.status[a]) for a in AMPELS}
    out = {"count": charts.stacked(parts(counts, "int"), title(counts, "int"))}
    if r.sums.value_by_status is not None:
        vbs = r.sums.value_by_status
        out["value"] = charts.stacked(parts(vbs, "money"), title(vbs, "money"))
    return out


def _fmt(value: float, fmt: str, lang: Lang) -> str:
    return money(value, lang) if fmt == "money" else str(int(value))


def pareto_customers(r: ReportInput) -> Markup:
    """Top gaps by customers affected, with their cumulative share of every gap."""
    lang, gaps = r.lang, r.doc.portfolio.top_gaps
    bars = [charts.Bar(f"{g.name or g.service}", g.customers, str(g.customers)) for g in gaps]
    cum = _cumulative([g.customers for g in gaps], r.sums.gap_total, lang)
    items = "; ".join(f"{b.label} {b.text}" for b in bars)
    title = rt(
        "pareto_title", lang, items=items, cum=cum[-1] if cum else "0", total=str(r.sums.gap_total)
    )
    return charts.pareto(bars, r.sums.gap_total, cum, title)


def pareto_value(r: ReportInput) -> Markup | None:
    """Top gaps by the summed value of the customers that have them."""
    lang, total = r.lang, r.sums.gap_value_total
    if total is None:
        return None
    names = r.catalog.services
    gaps = r.sums.gaps_by_value
    bars = [charts.Bar(names[sid].name, v, money(v, lang)) for sid, v in gaps]
    cum = _cumulative([v for _, v in gaps], total, lang)
    items = "; ".join(f"{b.label} {b.text}" for b in bars)
    title = rt("pareto_value_title", lang, items=items, cum=cum[-1] if cum else "0")
    return charts.pareto(bars, total, cum, title)


def _cumulative(values: list[float], total: float, lang: Lang) -> list[str]:
    out, running = [], 0.0
    for v in values:
        running += v
        out.append(percent(100 * running / total if total else 0.0, lang, 0))
    return out


def histogram(r: ReportInput) -> Markup:
    """Customers per index decile, per segment."""
    lang = r.lang
    rows = [(_segment_name(r.catalog, seg), s.histogram) for seg, s in r.sums.segments.items()]
    labels = [str(10 * i) for i in range(10)]
    items = "; ".join(
        f"{name}: " + ", ".join(f"{10 * i}–{10 * i + 10}: {c}" for i, c in enumerate(h) if c)
        for name, h in rows
    )
    return charts.histogram(rows, labels, rt("histogram_title", lang, items=items))


def var_chart(r: ReportInput) -> Markup | None:
    """Value at risk (red customers' value) per segment."""
    lang = r.lang
    if r.doc.portfolio.value_at_risk is None:
        return None
    bars = [
        charts.Bar(
            _segment_name(r.catalog, seg),
            s.value_at_risk or 0.0,
            money(s.value_at_risk, lang),
            "f-rot",
        )
        for seg, s in r.sums.segments.items()
    ]
    items = "; ".join(f"{b.label} {b.text}" for b in bars)
    return charts.bars(bars, f"{rt('var_per_segment', lang)}: {items}")


def metric_name(cat: Catalog, mid: str) -> str:
    """``Deckungsbeitrag (EUR)``: a metric's name and unit."""
    spec = cat.metrics.get(mid)
    if spec is None:
        return mid
    return f"{spec.name} ({spec.unit})" if spec.unit else spec.name


def _segment_name(cat: Catalog, seg: str) -> str:
    return cat.segments[seg].name if seg in cat.segments else seg


def goal_label(
    level: str | None,
    services: tuple[str, ...] | list[str] | None,
    target: float,
    by: object,
    lang: Lang,
) -> str:
    """``Soll ≥ 90 % bis 2027-06-30``."""
    what = (
        Level(level).label if level else rt("goal_services", lang, items=", ".join(services or ()))
    )
    when = f" {rt('by', lang)} {by}" if by else f" ({rt('standing', lang)})"
    return f"{what} ≥ {number(target, lang, 0)}\u202f%{when}"


def states_text(g: GoalSums, lang: Lang) -> str:
    """How many customers are in each goal state (``erreicht 3, verfehlt 1``), none omitted."""
    return ", ".join(f"{rt(f'state.{s}', lang)} {n}" for s, n in g.states.items() if n)


def goal_bullet(g: GoalSums, lang: Lang) -> Markup:
    """A portfolio goal: the segment's mean actual against the target, and its states."""
    worst = next((s for s in _WORST_FIRST if g.states.get(s)), GoalState.ERREICHT)
    states = states_text(g, lang)
    title = rt(
        "goal_bullet_title",
        lang,
        goal=goal_label(g.level, g.services, g.min, g.by, lang),
        actual=percent(g.actual_mean, lang),
        target=percent(g.min, lang),
        state=states,
    )
    return charts.bullet(g.actual_mean, g.min, f"f-s-{worst}", title)


def reason(s: CustomerScore, lang: Lang) -> str:
    """Why the Ampel is what it is, numbers written the language's way (``71,4 %``)."""
    if s.knockouts:
        return rt("reason_knockout", lang, items=", ".join(s.knockouts))
    failed = [g for g in s.goals if decides(g, s.status)]
    if failed:
        items = "; ".join(
            f"{goal_label(g.level, g.services, g.min, g.by, lang)} "
            f"({rt('actual', lang)} {percent(g.actual, lang)})"
            for g in failed
        )
        return rt("reason_goal", lang, items=items)
    return rt("reason_empty" if s.index is None else "reason_green", lang)


def customer_bullet(g: GoalResult, lang: Lang) -> Markup:
    """One customer's goal: actual against target, with its state."""
    title = rt(
        "goal_bullet_title",
        lang,
        goal=goal_label(g.level, g.services, g.min, g.by, lang),
        actual=percent(g.actual, lang),
        target=percent(g.min, lang),
        state=rt(f"state.{g.state.value}", lang),
    )
    return charts.bullet(g.actual, g.min, f"f-s-{g.state.value}", title)


def heatmap(r: ReportInput) -> tuple[list[str], list[tuple[str, list[Markup]]]]:
    """Services as rows, segments as columns: a shade class plus the number in every cell."""
    p, lang, cat = r.doc.portfolio, r.lang, r.catalog
    segs = list(p.heatmap)
    rows = []
    for sid, svc in cat.services.items():
        cells = []
        for seg in segs:
            v = p.heatmap[seg].get(sid)
            if v is None:
                cells.append(Markup('<td class="na">–</td>'))
            else:
                key = f"heatmap.{seg}.{sid}"
                cells.append(
                    Markup(f'<td class="h{heat_step(v)}">')
                    + datum(v, percent(v, lang, 0), key)
                    + Markup("</td>")
                )
        rows.append((f"{svc.name}", cells))
    return [_segment_name(cat, s) for s in segs], rows
