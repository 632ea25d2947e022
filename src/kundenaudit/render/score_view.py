"""Human-readable pieces of score results (labels, rows), shared by table, Markdown and CSV."""

from __future__ import annotations

from collections.abc import Callable

from kundenaudit.model.i18n import Lang, t
from kundenaudit.model.results import CustomerScore, Gap, GoalResult, Portfolio
from kundenaudit.model.vocabulary import Ampel, Level, Status
from kundenaudit.render import cells as c
from kundenaudit.render.cells import Cell, Row
from kundenaudit.render.gap_view import natural
from kundenaudit.score.rules import decides, degree_digits, rounded

DASH = "–"


def fmt1(value: float | None) -> str:
    """One decimal, as gates compare it; a dash for null."""
    return DASH if value is None else f"{rounded(value, 1):.1f}"


def money(value: float) -> str:
    """``283 000``: digits grouped by a no-break space, unambiguous in German and English."""
    return f"{rounded(value, 0):,.0f}".replace(",", "\u00a0")


def pct(value: float | None) -> str:
    """``87.5 %`` or a dash."""
    return DASH if value is None else f"{rounded(value, 1):.1f} %"


def ampel_label(status: Ampel, lang: Lang) -> str:
    """rot/gelb/grün or red/amber/green."""
    return t(f"ampel.{status.value}", lang)


def level_label(level: str) -> str:
    """Muss/Soll/Kann."""
    return Level(level).label


def goal_label(goal: GoalResult, lang: Lang) -> str:
    """What the goal measures."""
    if goal.level is not None:
        return level_label(goal.level)
    return t("goal_services", lang, items=", ".join(goal.services or []))


def goal_text(goal: GoalResult, lang: Lang) -> str:
    """``Soll ≥ 90 % bis 2027-06-30``."""
    when = f" {t('by', lang)} {goal.by.isoformat()}" if goal.by else ""
    return f"{goal_label(goal, lang)} ≥ {goal.min:g} %{when}"


def reason(score: CustomerScore, lang: Lang) -> str:
    """Why the Ampel is what it is: the knock-outs or the goals that decided it."""
    if score.knockouts:
        return t("reason_knockout", lang, items=", ".join(score.knockouts))
    failed = [g for g in score.goals if decides(g, score.status)]
    if failed:
        items = "; ".join(
            f"{goal_text(g, lang)} ({t('actual', lang)} {pct(g.actual)})" for g in failed
        )
        return t("reason_goal", lang, items=items)
    return t("reason_empty" if score.index is None else "reason_green", lang)


def goal_rows(score: CustomerScore, lang: Lang) -> list[Row]:
    """Goal, target, deadline, actual, state."""
    return [
        [
            c.text(goal_label(g, lang)),
            c.percent(f"≥ {g.min:g} %", g.min),
            c.text(g.by.isoformat() if g.by else t("standing", lang)),
            pct_cell(g.actual),
            c.text(t(f"state.{g.state.value}", lang)),
        ]
        for g in score.goals
    ]


def pct_cell(value: float | None) -> Cell:
    """``87.5 %`` or a dash, as a percentage cell."""
    return c.percent(pct(value), value)


def num_cell(value: float | None) -> Cell:
    """One decimal or a dash, as a number cell."""
    return c.number(fmt1(value), value)


def gap_level(gap: Gap) -> str:
    """``Muss*`` when Muss because of competition, ``!`` for a knock-out."""
    text = level_label(gap.level)
    if gap.level != gap.nominal_level:
        text += "*"
    if gap.knockout:
        text += "!"
    return text


def gap_status(gap: Gap, lang: Lang) -> str:
    """Status word, with the degree of partial deliveries and expired exemptions marked."""
    text = t(f"status.{gap.status}", lang)
    if gap.status is Status.TEILWEISE:
        text += f" ({degree_pct(gap.degree)} %)"
    if gap.expired:
        text += f" ({t('expired', lang)})"
    return text


def degree_pct(d: float) -> str:
    """A degree in percent: ``70``, ``0.4`` (never ``0`` or ``100`` for a partial delivery)."""
    digits = degree_digits(d, 2) - 2
    return f"{rounded(d * 100, digits):.{digits}f}"


def gap_rows(
    gaps: list[Gap], lang: Lang, service: Callable[[str, str | None], Cell] = c.service
) -> list[Row]:
    """Service (as ``service`` shows it), level, status, gain, action."""
    return [
        [
            service(g.service, g.name),
            c.level(gap_level(g), Level(g.level)),
            c.text(gap_status(g, lang)),
            num_cell(g.gain),
            c.text(g.action or ""),
        ]
        for g in gaps
    ]


def gap_header(lang: Lang) -> list[str]:
    """Headers of the gap table."""
    return [
        t("service", lang),
        t("level", lang),
        t("status", lang),
        t("gain", lang),
        t("action", lang),
    ]


def goal_header(lang: Lang) -> list[str]:
    """Headers of the goal table."""
    return [t("goal", lang), t("min", lang), t("by", lang), t("actual", lang), t("state", lang)]


def gap_legend(lang: Lang) -> str:
    """Explains the marks of the level column."""
    return f"* {t('via_competition', lang)} · ! {t('knockout', lang)}"


def sort_key(score: CustomerScore) -> tuple[int, float, str]:
    """rot first, then lowest index, then id."""
    return (score.status.rank, score.index if score.index is not None else 101.0, score.id)


def customer_header(lang: Lang) -> list[str]:
    """Headers of the portfolio's customer table."""
    return [
        t("customer", lang),
        t("name", lang),
        t("segment", lang),
        t("status", lang),
        t("index", lang),
        "Muss",
        "Soll",
        "Kann",
        t("gaps", lang),
        t("first_step", lang),
    ]


def customer_row(s: CustomerScore, lang: Lang) -> Row:
    """One portfolio row."""
    cov = s.coverage
    first = s.next_steps[0] if s.next_steps else None
    return [
        c.text(s.id),
        c.text(s.name or ""),
        c.text(s.segment),
        ampel_cell(s.status, lang),
        num_cell(s.index),
        num_cell(cov[Level.MUSS]),
        num_cell(cov[Level.SOLL]),
        num_cell(cov[Level.KANN]),
        c.number(str(len(s.gaps)), len(s.gaps)),
        c.service(first, None) if first else c.text(""),
    ]


def ampel_cell(status: Ampel, lang: Lang) -> Cell:
    """The Ampel word as an Ampel cell."""
    return c.ampel(ampel_label(status, lang), status)


def top_gap_header(lang: Lang, p: Portfolio) -> list[str]:
    """Headers of the most-frequent-gaps table."""
    head = [t("service", lang), t("level", lang), t("customers", lang), t("share", lang)]
    return head + ([t("value", lang)] if p.top_gaps and p.top_gaps[0].value is not None else [])


def top_gap_rows(p: Portfolio, service: Callable[[str, str | None], Cell] = c.service) -> list[Row]:
    """Service (as ``service`` shows it), level, customers affected, share, summed value."""
    rows = []
    for g in p.top_gaps:
        level = Level(g.level or "muss")
        row = [
            service(g.service, g.name or ""),
            c.level(level.label, level),
            c.number(str(g.customers), g.customers),
            pct_cell(g.share),
        ]
        if g.value is not None:
            row.append(c.number(money(g.value), g.value))
        rows.append(row)
    return rows


def heatmap_table(p: Portfolio, lang: Lang) -> tuple[list[str], list[Row]]:
    """Services as rows, segments as columns, fulfilment in percent."""
    segments = list(p.heatmap)
    services = list(next(iter(p.heatmap.values()), {}))
    rows = [  # sorted by id in the result; shown in natural order (konf-2 before konf-14)
        [c.service(sid, None), *(pct_cell(p.heatmap[seg][sid]) for seg in segments)]
        for sid in sorted(services, key=natural)
    ]
    return [t("service", lang), *segments], rows
