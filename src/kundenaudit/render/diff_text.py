"""`diff` for people (table, Markdown) and for CI logs (GitHub annotations)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tabulate import tabulate

from kundenaudit.model.diff import AuditInfo, Change, CustomerChange, CustomerDiff, Diff, Side
from kundenaudit.model.i18n import Lang, t
from kundenaudit.model.text import visible
from kundenaudit.model.vocabulary import Ampel
from kundenaudit.render import diff_json
from kundenaudit.render.markdown import md_escape, md_line
from kundenaudit.render.markdown import table as md_table
from kundenaudit.render.score_view import money
from kundenaudit.render.time_formats import DiffFormat
from kundenaudit.score.rules import rounded

GITHUB_LIMIT = 10


Table = Callable[[list[str], list[list[str]]], str]


def _num(value: float | None, sign: bool = False) -> str:
    if value is None:
        return "–"
    value = rounded(value, 1) + 0.0
    return f"{value:+.1f}" if sign else f"{value:.1f}"


def _signed(value: float) -> str:
    return ("+" if value >= 0 else "-") + money(abs(value))


def _ampel(a: Ampel | None, lang: Lang) -> str:
    return "–" if a is None else t(f"ampel.{a.value}", lang)


def _side(s: Side | None, lang: Lang) -> str:
    return "–" if s is None else f"{_ampel(s.status, lang)} {_num(s.index)}"


def _value(v: object) -> str:
    if v is None:
        return "–"
    if isinstance(v, bool):
        return "ja" if v else "nein"
    return f"{v:g}" if isinstance(v, float) else str(v)


def _shown(d: Diff) -> list[CustomerDiff]:
    return [c for c in d.customers if c.change is not CustomerChange.UNCHANGED]


def _customer_rows(d: Diff, lang: Lang) -> list[list[str]]:
    rows = []
    for c in _shown(d):
        cf = c.counterfactual
        rows.append(
            [
                c.id,
                _side(c.old, lang),
                _side(c.new, lang),
                _num(c.delta, True),
                _num(c.catalog, True),
                _num(c.delivery, True),
                _ampel(cf.old_catalog if cf else None, lang),
                _ampel(cf.old_delivery if cf else None, lang),
            ]
        )
    return rows


def _change_row(c: CustomerDiff, ch: Change, lang: Lang) -> list[str]:
    return [
        c.id,
        ch.service or "–",
        ch.kind.value,
        t(f"cause.{ch.cause.value}", lang),
        f"{_value(ch.old)} → {_value(ch.new)}",
        _num(ch.effect, True),
    ]


@dataclass(frozen=True)
class _Body:
    """A section's body: a table drawn by the format, or a sentence of (input) text."""

    text: str
    is_table: bool = True


def _sentence(text: str) -> _Body:
    return _Body(text, is_table=False)


def _sections(d: Diff, lang: Lang, table: Table) -> list[tuple[str, _Body]]:
    """(heading, body) pairs."""
    head = [
        t("customer", lang),
        t("diff_old", lang),
        t("diff_new", lang),
        t("diff_delta", lang),
        t("diff_catalog", lang),
        t("diff_delivery", lang),
        t("diff_with_old_catalog", lang),
        t("diff_with_old_delivery", lang),
    ]
    rows = _customer_rows(d, lang)
    body = _Body(table(head, rows)) if rows else _sentence(t("diff_no_changes", lang))
    out = [(t("customers", lang), body)]
    changes = [_change_row(c, ch, lang) for c in _shown(d) for ch in c.changes]
    if changes:
        ch_head = [
            t("customer", lang),
            t("service", lang),
            t("diff_kind", lang),
            t("diff_cause", lang),
            f"{t('diff_old', lang)} → {t('diff_new', lang)}",
            t("diff_effect", lang),
        ]
        out.append((t("diff_changes", lang), _Body(table(ch_head, changes))))
    p = d.portfolio
    matrix = [[_ampel(o, lang)] + [str(p.transitions[o][n]) for n in Ampel] for o in Ampel]
    trans = table(["", *(_ampel(n, lang) for n in Ampel)], matrix)
    out.append((t("diff_transitions", lang), _Body(trans)))
    var = p.value_at_risk
    out.append(
        (
            t("value_at_risk", lang),
            _Body(
                table(
                    [
                        t("diff_old", lang),
                        t("diff_new", lang),
                        t("diff_catalog", lang),
                        t("diff_delivery", lang),
                    ],
                    [
                        [
                            f"{var.old:,.0f}",
                            f"{var.new:,.0f}",
                            f"{var.catalog:+,.0f}",
                            f"{var.delivery:+,.0f}",
                        ]
                    ],
                )
            ),
        )
    )
    if p.most_changed:
        out.append(
            (
                t("diff_most_changed", lang),
                _Body(
                    table(
                        [t("service", lang), t("diff_changes", lang)],
                        [[s.service, str(s.changes)] for s in p.most_changed],
                    )
                ),
            )
        )
    if p.improved_by_catalog_only:
        ids = ", ".join(p.improved_by_catalog_only)
        out.append((t("diff_catalog_only", lang), _sentence(ids)))
    return out


def _head(d: Diff, lang: Lang) -> list[str]:
    def one(label: str, info: AuditInfo) -> str:
        return f"{label}: {info.today.isoformat()} · {t('catalog', lang)} {info.catalog.name}"

    return [one(t("diff_old", lang), d.old), one(t("diff_new", lang), d.new)]


def table(d: Diff, lang: Lang) -> str:
    """Plain text tables."""

    def plain(header: list[str], rows: list[list[str]]) -> str:
        safe = [[visible(c) for c in row] for row in rows]
        return tabulate(safe, headers=header, tablefmt="simple", disable_numparse=True)

    lines = [visible(t("diff_title", lang)), *(visible(h) for h in _head(d, lang)), ""]
    for heading, body in _sections(d, lang, plain):
        lines += [heading, body.text if body.is_table else visible(body.text), ""]
    return "\n".join(lines)


def markdown(d: Diff, lang: Lang) -> str:
    """Markdown with GitHub tables."""
    lines = [f"# {t('diff_title', lang)}", ""] + [f"- {md_line(h)}" for h in _head(d, lang)]
    lines.append("")
    for heading, body in _sections(d, lang, md_table):
        shown = body.text if body.is_table else md_escape(body.text)
        lines += [f"## {heading}", "", shown, ""]
    return "\n".join(lines)


def github(d: Diff, lang: Lang) -> str:
    """A notice per changed customer (a warning where it got worse), then a summary."""
    lines = []
    shown = _shown(d)
    for c in shown[:GITHUB_LIMIT]:
        worse = c.change is CustomerChange.GONE or (c.delta is not None and c.delta < 0)
        kind = "warning" if worse else "notice"
        text = (
            f"{c.id}: {_side(c.old, lang)} → {_side(c.new, lang)} "
            f"({t('diff_catalog', lang)} {_num(c.catalog, True)}, "
            f"{t('diff_delivery', lang)} {_num(c.delivery, True)})"
        )
        data = visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))
        lines.append(f"::{kind} title=kundenaudit diff::{data}")
    if len(shown) > GITHUB_LIMIT:
        lines.append(f"{len(shown) - GITHUB_LIMIT} more changed customers not shown")
    lines.append(f"{len(shown)} of {len(d.customers)} customers changed")
    return "\n".join(lines) + "\n"


def json_(d: Diff, lang: Lang) -> str:
    """The JSON document (field names and words the same in every language)."""
    return diff_json.render(d)


RENDERERS: dict[DiffFormat, Callable[[Diff, Lang], str]] = {
    DiffFormat.TABLE: table,
    DiffFormat.JSON: json_,
    DiffFormat.MARKDOWN: markdown,
    DiffFormat.GITHUB: github,
}
