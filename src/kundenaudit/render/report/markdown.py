"""The report as Markdown: the same sections and numbers as the HTML page, as tables."""

from __future__ import annotations

from kundenaudit.model.report_texts import rt
from kundenaudit.model.vocabulary import Level
from kundenaudit.render import catalog_view
from kundenaudit.render.markdown import md_escape, table
from kundenaudit.render.report.html import MAX_FINDINGS
from kundenaudit.render.report.numbers import money, number, percent
from kundenaudit.render.report.view import (
    AMPELS,
    ReportInput,
    cards,
    goal_label,
    reason,
    states_text,
)
from kundenaudit.render.score_view import sort_key


def render(r: ReportInput) -> str:
    """Head, summary, portfolio, goals, customers, appendix."""
    out = _head(r)
    if len(r.doc.customers) > 1:
        out += _summary(r) + _portfolio(r) + _goals(r)
    out += _customers(r) + _review(r) + _appendix(r)
    return "\n".join(out) + "\n"


def _head(r: ReportInput) -> list[str]:
    lang, doc, sums = r.lang, r.doc, r.sums
    c = doc.catalog
    title = r.meta.title or rt("title", lang)
    cat = c.name + (f" · {rt('version', lang)} {c.version}" if c.version else "")
    cat += f" · {rt('source', lang)}: {c.source}" if c.source else ""
    dates = f"{sums.audited_first} – {sums.audited_last}" if sums.audited_first else ""
    scope = rt(
        "scope_text",
        lang,
        customers=str(doc.portfolio.customers),
        segments=str(len(doc.portfolio.segments)),
    )
    lines = [f"# {md_escape(title)}", ""]
    for label, value in (
        ("catalog", cat),
        ("audit_dates", dates),
        ("today", str(doc.today)),
        ("tool", r.meta.tool),
        ("scope", scope),
    ):
        lines.append(f"- **{rt(label, lang)}**: {md_escape(value)}")
    rows = [[s.path, rt(f"role.{s.role}", lang), s.sha256] for s in r.meta.sources]
    header = [rt("file", lang), rt("role", lang), "SHA-256"]
    return [*lines, "", table(header, rows), ""]


def _summary(r: ReportInput) -> list[str]:
    lang, p, sums = r.lang, r.doc.portfolio, r.sums
    out = [f"## {rt('summary', lang)}", ""]
    out.append(f"- {rt('mean_index', lang)}: {number(p.index_mean, lang)}")
    if p.value_at_risk is not None:
        out.append(f"- {rt('value_at_risk', lang)}: {money(p.value_at_risk, lang)}")
    header = [rt("status", lang), rt("customers", lang)]
    vbs = sums.value_by_status
    rows = [
        [rt(f"ampel.{a}", lang), str(p.status[a])] + ([money(vbs[a], lang)] if vbs else [])
        for a in AMPELS
    ]
    out += ["", table(header + ([rt("value", lang)] if vbs else []), rows), ""]
    out += _trend(r)
    out += [f"### {rt('red_knockouts', lang)}", ""]
    out += [
        f"- {md_escape(r.catalog.services[sid].name)} ({sid}): {len(ids)}"
        for sid, ids in sums.red_knockouts
    ] or [rt("red_knockouts_none", lang)]
    out += ["", f"### {rt('actions', lang)}", ""]
    out += [
        f"{i}. {md_escape(rt('action_line', lang, name=a.name, n=str(a.customers)))}: "
        f"{md_escape(a.action or rt('no_action', lang))}"
        for i, a in enumerate(sums.actions, 1)
    ] or [rt("actions_none", lang)]
    return [*out, ""]


def _trend(r: ReportInput) -> list[str]:
    tr, lang = r.meta.trend, r.lang
    if tr is None:
        return []
    var = tr.diff.portfolio.value_at_risk
    header = [
        "",
        rt("old", lang),
        rt("new", lang),
        rt("trend_parts", lang),
        rt("trend_delivery", lang),
    ]
    rows = [
        [
            rt("trend_index", lang, n=str(tr.matched)),
            number(tr.index_old, lang),
            number(tr.index_new, lang),
            number(tr.catalog, lang),
            number(tr.delivery, lang),
        ],
        [
            rt("value_at_risk", lang),
            money(var.old, lang),
            money(var.new, lang),
            money(var.catalog, lang),
            money(var.delivery, lang),
        ],
    ]
    title = rt("trend", lang, since=str(tr.since))
    return [f"### {title}", "", md_escape(tr.snapshot), "", table(header, rows), ""]


def _review(r: ReportInput) -> list[str]:
    lang, found = r.lang, r.meta.findings
    if not found:
        return []
    rows = [[f.rule, f.location(), f.message] for f in found[:MAX_FINDINGS]]
    header = [rt("rule", lang), rt("where", lang), rt("message", lang)]
    more = len(found) - MAX_FINDINGS
    tail = [rt("findings_left_out", lang, n=str(more)), ""] if more > 0 else []
    return [f"## {rt('review', lang)}", "", table(header, rows), "", *tail]


def _portfolio(r: ReportInput) -> list[str]:
    lang, p, cat = r.lang, r.doc.portfolio, r.catalog
    out = [f"## {rt('portfolio', lang)}", ""]
    header = [rt("segment", lang), rt("customers", lang), rt("mean_index", lang)]
    rows = [
        [cat.segments[k].name, str(s.customers), number(s.index_mean, lang)]
        for k, s in p.segments.items()
    ]
    out += [table(header, rows), "", f"### {rt('heatmap', lang)}", ""]
    segs = list(p.heatmap)
    rows = [
        [svc.name] + [percent(p.heatmap[g].get(sid), lang, 0) for g in segs]
        for sid, svc in cat.services.items()
    ]
    out += [table([rt("service", lang)] + [cat.segments[g].name for g in segs], rows), ""]
    out += [f"### {rt('top_gaps', lang)}", ""]
    rows = [[g.name or g.service, str(g.customers), percent(g.share, lang)] for g in p.top_gaps]
    out += [table([rt("service", lang), rt("customers", lang), rt("share", lang)], rows), ""]
    return out


def _goals(r: ReportInput) -> list[str]:
    lang = r.lang
    out = [f"## {rt('goals_section', lang)}", ""]
    header = [
        rt("segment", lang),
        rt("goal", lang),
        rt("mean_actual", lang),
        rt("states_line", lang),
    ]
    rows = [
        [
            r.catalog.segments[seg].name,
            goal_label(g.level, g.services, g.min, g.by, lang),
            percent(g.actual_mean, lang),
            states_text(g, lang),
        ]
        for seg, d in r.sums.segments.items()
        for g in d.goals
    ]
    return [*out, table(header, rows), ""]


def _customers(r: ReportInput) -> list[str]:
    lang = r.lang
    out = [f"## {rt('customers_section', lang)}", ""]
    header = [
        rt("customer", lang),
        rt("name", lang),
        rt("segment", lang),
        rt("status", lang),
        rt("index", lang),
        "Muss",
        "Soll",
        "Kann",
        rt("gaps_count", lang),
        rt("value", lang),
    ]
    rows = [
        [
            s.id,
            s.name or "",
            s.segment,
            rt(f"ampel.{s.status.value}", lang),
            number(s.index, lang),
            *(percent(s.coverage[k], lang) for k in Level),
            str(len(s.gaps)),
            money(s.value, lang),
        ]
        for s in sorted(r.doc.customers, key=sort_key)
    ]
    out += [table(header, rows), ""]
    shown, left_out = cards(r.doc, r.meta.max_cards)
    if len(r.doc.customers) == 1:
        shown, left_out = list(r.doc.customers), 0
    for s in shown:
        out += [f"### {md_escape(s.id)}" + (f" · {md_escape(s.name)}" if s.name else ""), ""]
        out.append(
            f"- {rt('status', lang)}: {rt(f'ampel.{s.status.value}', lang)} "
            f"({md_escape(reason(s, lang))})"
        )
        out.append(f"- {rt('index', lang)}: {number(s.index, lang)}")
        rows = [
            [
                f"{g.service}: {g.name}",
                g.level.capitalize(),
                rt(f"status.{g.status}", lang),
                number(g.gain, lang),
                str(g.effort or ""),
                g.action or "",
            ]
            for g in s.gaps
        ]
        header = [rt(k, lang) for k in ("service", "level", "status", "gain", "effort", "action")]
        out += ["", table(header, rows), ""] if rows else [""]
    if left_out:
        out += [rt("cards_left_out", lang, n=str(left_out), max=str(r.meta.max_cards)), ""]
    return out


def _appendix(r: ReportInput) -> list[str]:
    lang, w = r.lang, r.catalog.weights
    view = catalog_view.build(r.catalog, list(r.catalog.segments), lang)
    weights = rt("weights_used", lang, muss=f"{w.muss:g}", soll=f"{w.soll:g}", kann=f"{w.kann:g}")
    return [
        f"## {rt('appendix', lang)}",
        "",
        weights,
        "",
        f"### {rt('matrix', lang)}",
        "",
        table(view.header, view.rows),
        "",
        view.legend,
    ]
