"""Human-readable pieces of score results (labels, rows), shared by table, Markdown and CSV."""

from __future__ import annotations

from kundenaudit.model.i18n import Lang, t
from kundenaudit.model.results import CustomerScore, Gap, GoalResult, Portfolio
from kundenaudit.model.vocabulary import Ampel, Level, Status
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


def goal_rows(score: CustomerScore, lang: Lang) -> list[list[str]]:
    """Goal, target, deadline, actual, state."""
    return [
        [
            goal_label(g, lang),
            f"≥ {g.min:g} %",
            g.by.isoformat() if g.by else t("standing", lang),
            pct(g.actual),
            t(f"state.{g.state.value}", lang),
        ]
        for g in score.goals
    ]


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


def gap_rows(score: CustomerScore, lang: Lang) -> list[list[str]]:
    """Service, level, status, gain, action."""
    return [
        [f"{g.service}: {g.name}", gap_level(g), gap_status(g, lang), fmt1(g.gain), g.action or ""]
        for g in score.gaps
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


def names(score: CustomerScore, ids: list[str]) -> list[str]:
    """``id: name`` for gap ids, in the given order."""
    by_id = {g.service: g.name for g in score.gaps}
    return [f"{i}: {by_id[i]}" if i in by_id else i for i in ids]


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


def customer_row(s: CustomerScore, lang: Lang) -> list[str]:
    """One portfolio row."""
    cov = s.coverage
    return [
        s.id,
        s.name or "",
        s.segment,
        ampel_label(s.status, lang),
        fmt1(s.index),
        fmt1(cov[Level.MUSS]),
        fmt1(cov[Level.SOLL]),
        fmt1(cov[Level.KANN]),
        str(len(s.gaps)),
        s.next_steps[0] if s.next_steps else "",
    ]


def ampel_label_word(word: str, lang: Lang) -> str:
    """Label for a status word from the portfolio counts."""
    return ampel_label(Ampel(word), lang)


def top_gap_header(lang: Lang, p: Portfolio) -> list[str]:
    """Headers of the most-frequent-gaps table."""
    head = [t("service", lang), t("level", lang), t("customers", lang), t("share", lang)]
    return head + ([t("value", lang)] if p.top_gaps and p.top_gaps[0].value is not None else [])


def top_gap_rows(p: Portfolio) -> list[list[str]]:
    """Service, level, customers affected, share, summed value."""
    rows = []
    for g in p.top_gaps:
        row = [
            f"{g.service}: {g.name or ''}",
            level_label(g.level or "muss"),
            str(g.customers),
            pct(g.share),
        ]
        if g.value is not None:
            row.append(money(g.value))
        rows.append(row)
    return rows


def heatmap_table(p: Portfolio, lang: Lang) -> tuple[list[str], list[list[str]]]:
    """Services as rows, segments as columns, fulfilment in percent."""
    segments = list(p.heatmap)
    services = list(next(iter(p.heatmap.values()), {}))
    rows = [[sid] + [pct(p.heatmap[seg][sid]) for seg in segments] for sid in services]
    return [t("service", lang), *segments], rows
