"""The report as one self-contained HTML page, from a Jinja2 template with autoescape.

Jinja2 escapes every value the template prints; ``finalize`` also shows control characters of
input text as visible escapes (``\\x1b``), which HTML cannot carry raw.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from functools import cache
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup

from kundenaudit.model.errors import Finding
from kundenaudit.model.i18n import Lang
from kundenaudit.model.report_texts import rt
from kundenaudit.model.text import visible
from kundenaudit.render import catalog_view, metric_view
from kundenaudit.render.report import view
from kundenaudit.render.report.numbers import machine, money, number, percent
from kundenaudit.render.report.palette import AMPEL, DARK, HEAT, LIGHT, STATE, Scheme
from kundenaudit.render.score_view import sort_key

_TEMPLATES = resources.files("kundenaudit") / "render" / "report" / "templates"


MAX_FINDINGS = 300  # listed one by one; the counts per rule cover all


def clean(value: Any) -> Any:
    """Input text with control characters shown as escapes; markup and non-text unchanged."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return visible(value)
    return "" if value is None else value


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_TEMPLATES)),
        autoescape=True,
        finalize=clean,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals.update(datum=view.datum, machine=machine)
    return env


def _text(name: str) -> str:
    return (_TEMPLATES / name).read_text(encoding="utf-8")


def _scheme_vars(s: Scheme) -> str:
    return "".join(f"--{k}:{getattr(s, k)};" for k in Scheme.__dataclass_fields__)


@cache
def stylesheet() -> str:
    """The page's CSS: the static rules and the palette's colours."""
    rules = [
        f":root{{{_scheme_vars(LIGHT)}}}",
        f"@media screen and (prefers-color-scheme: dark){{:root{{{_scheme_vars(DARK)}}}}}",
    ]
    for name, (fill, text) in AMPEL.items():
        rules.append(
            f".a-{name},.f-{name}{{background:{fill};color:{text};fill:{fill}}}"
            f"svg.chart text.on-f-{name}{{fill:{text}}}"
        )
    for name, (fill, text) in STATE.items():
        rules.append(f".s-{name}{{background:{fill};color:{text}}}.f-s-{name}{{fill:{fill}}}")
    rules += [f".h{i}{{background:{fill};color:{text}}}" for i, (fill, text) in enumerate(HEAT)]
    return _text("report.css") + "\n".join(rules) + "\n"


@cache
def script() -> tuple[str, str]:
    """The inline script and its CSP source (a hash: no other script may run)."""
    code = _text("report.js")
    digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii")
    return code, f"'sha256-{digest}'"


def csp() -> str:
    """The Content-Security-Policy: nothing may be loaded from anywhere."""
    return (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src {script()[1]}; base-uri 'none'; form-action 'none'"
    )


def render(r: view.ReportInput) -> str:
    """The whole page."""
    lang = r.lang
    shown, left_out = view.cards(r.doc, r.meta.max_cards)
    if len(r.doc.customers) == 1:
        shown, left_out = list(r.doc.customers), 0
    card_ids = {s.id: f"card-{i}" for i, s in enumerate(shown, 1)}
    context = {
        "r": r,
        "doc": r.doc,
        "cat": r.catalog,
        "p": r.doc.portfolio,
        "sums": r.sums,
        "lang": lang.value,
        "single": len(r.doc.customers) == 1,
        "title": r.meta.title
        or rt("scorecard_title" if len(r.doc.customers) == 1 else "title", lang),
        "csp": csp(),
        "css": Markup(stylesheet()),
        "js": Markup(script()[0]),
        "L": lambda key, **kw: rt(key, lang, **kw),
        "num": lambda v, d=1: number(v, lang, d),
        "pct": lambda v, d=1: percent(v, lang, d),
        "money": lambda v: money(v, lang),
        "ampel": lambda word: view.ampel_badge(word, lang),
        "state": lambda word: view.state_badge(word, lang),
        "reason": lambda s: view.reason(s, lang),
        "goal_label": lambda g: view.goal_label(g.level, g.services, g.min, g.by, lang),
        "goal_bullet": lambda g: view.goal_bullet(g, lang),
        "customer_bullet": lambda g: view.customer_bullet(g, lang),
        "metric_name": lambda mid: view.metric_name(r.catalog, mid),
        "uncosted": lambda s: metric_view.uncosted(s, lang),
        "customers": sorted(r.doc.customers, key=sort_key),
        "cards": shown,
        "card_ids": card_ids,
        "left_out": left_out,
        "ampels": view.AMPELS,
        "levels": ("muss", "soll", "kann"),
        "charts": _charts(r),
        "heat": view.heatmap(r),
        "matrix": catalog_view.build(r.catalog, list(r.catalog.segments), lang),
        "finding_counts": finding_counts(r.meta.findings),
        "max_findings": MAX_FINDINGS,
    }
    return _environment().get_template("report.html.j2").render(context)


def finding_counts(findings: tuple[Finding, ...]) -> list[tuple[str, str, int]]:
    """Rule, severity and number of findings, most frequent first."""
    counts = Counter((f.rule, f.severity.value) for f in findings)
    return [
        (rule, sev, n) for (rule, sev), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def _charts(r: view.ReportInput) -> dict[str, Any]:
    if len(r.doc.customers) == 1:
        return {}
    return {
        "ampel": view.ampel_charts(r),
        "pareto": view.pareto_customers(r),
        "pareto_value": view.pareto_value(r),
        "histogram": view.histogram(r),
        "var": view.var_chart(r),
    }


__all__ = ["Lang", "clean", "csp", "render"]
