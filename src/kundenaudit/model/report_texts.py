"""Labels of the consultant's report in German and English (the rest are in i18n)."""

from __future__ import annotations

from kundenaudit.model.i18n import Lang, t

_TEXTS: dict[str, tuple[str, str]] = {
    "title": ("Kundenaudit-Bericht", "Customer audit report"),
    "scorecard_title": ("Kundenaudit: Scorecard", "Customer audit: scorecard"),
    "contents": ("Inhalt", "Contents"),
    "head": ("Grundlagen", "Basis"),
    "summary": ("Zusammenfassung", "Summary"),
    "portfolio": ("Portfolio", "Portfolio"),
    "customers_section": ("Kunden", "Customers"),
    "appendix": ("Anhang", "Appendix"),
    "version": ("Version", "Version"),
    "source": ("Quelle", "Source"),
    "file": ("Datei", "File"),
    "role": ("Rolle", "Role"),
    "role.input": ("Eingabe", "input"),
    "role.catalog": ("Katalog", "catalog"),
    "role.mapping": ("Zuordnung", "mapping"),
    "inputs": ("Eingaben", "Inputs"),
    "audit_dates": ("Audit-Zeitraum", "Audit dates"),
    "today": ("Stichtag", "As of"),
    "tool": ("Werkzeug", "Tool"),
    "scope": ("Umfang", "Scope"),
    "scope_text": (
        "{customers} Kunden in {segments} Segmenten",
        "{customers} customers in {segments} segments",
    ),
    "ampel_distribution": ("Ampel-Verteilung", "Ampel distribution"),
    "by_count": ("nach Anzahl", "by count"),
    "by_value": ("nach Umsatz", "by value"),
    "value_known": (
        "Umsatz bekannt bei {n} von {total} Kunden",
        "value known for {n} of {total} customers",
    ),
    "no_value": ("kein Umsatz angegeben", "no value given"),
    "red_knockouts": ("K.-o.-Kriterien hinter roten Kunden", "Knock-outs behind red customers"),
    "red_knockouts_none": (
        "Kein roter Kunde wegen eines K.-o.-Kriteriums.",
        "No customer is red because of a knock-out.",
    ),
    "red_customers": ("{n} rote Kunden", "{n} red customers"),
    "pareto_customers": ("Pareto der Lücken nach Kunden", "Pareto of gaps by customers"),
    "pareto_value": ("Pareto der Lücken nach Umsatz", "Pareto of gaps by value"),
    "pareto_title": (
        "{items}; kumuliert {cum} aller {total} Lücken",
        "{items}; cumulative {cum} of all {total} gaps",
    ),
    "pareto_value_title": (
        "{items}; kumuliert {cum} des Umsatzes aller Lücken",
        "{items}; cumulative {cum} of the value of all gaps",
    ),
    "cumulative": ("kumuliert", "cumulative"),
    "goal_attainment": ("Zielerreichung je Segment", "Goal attainment per segment"),
    "meeting": ("erreicht von", "met by"),
    "actions": ("Empfohlene Maßnahmen", "Recommended actions"),
    "actions_none": ("Keine Muss-Lücke im Portfolio.", "No Muss gap in the portfolio."),
    "action_line": ("{name}: bei {n} Kunden offen", "{name}: open at {n} customers"),
    "no_action": ("(keine Maßnahme im Katalog)", "(no action in the catalog)"),
    "segment_table": ("Segmente", "Segments"),
    "heatmap_note": (
        "Anteil erfüllt in Prozent (Mittel der Erfüllungsgrade); „–“: gilt im Segment nicht",
        "percent fulfilled (mean degree); “–”: does not apply in the segment",
    ),
    "index_distribution": ("Index-Verteilung je Segment", "Index distribution per segment"),
    "histogram_title": ("Kunden je Indexbereich: {items}", "customers per index range: {items}"),
    "var_per_segment": ("Umsatz im Risiko je Segment", "Value at risk per segment"),
    "goals_section": ("Ziele", "Goals"),
    "goal_bullet_title": (
        "{goal}: Ist {actual}, Ziel {target}, {state}",
        "{goal}: actual {actual}, target {target}, {state}",
    ),
    "states_line": ("Zustände", "States"),
    "mean_actual": ("Ø Ist", "Mean actual"),
    "all_customers": ("Alle Kunden", "All customers"),
    "cards": ("Rote und gelbe Kunden", "Red and amber customers"),
    "cards_left_out": (
        "{n} weitere rote und gelbe Kunden ohne Karte (höchstens {max} Karten).",
        "{n} more red and amber customers without a card (at most {max} cards).",
    ),
    "cards_none": ("Kein roter oder gelber Kunde.", "No red or amber customer."),
    "knockouts": ("K.-o.-Kriterien", "Knock-outs"),
    "exemptions": ("Ausnahmen (entbehrlich)", "Exemptions (entbehrlich)"),
    "until": ("bis", "until"),
    "note": ("Notiz", "Note"),
    "filter_status": ("Ampel", "Status"),
    "filter_segment": ("Segment", "Segment"),
    "filter_all": ("alle", "all"),
    "shown": ("angezeigt", "shown"),
    "method": ("Methode", "Method"),
    "matrix": ("Aufgelöster Katalog", "Resolved catalog"),
    "glossary": ("Glossar", "Glossary"),
    "weights_used": (
        "Stufengewichte W: Muss {muss}, Soll {soll}, Kann {kann}",
        "Level weights W: Muss {muss}, Soll {soll}, Kann {kann}",
    ),
    "what_if": (
        "Alle Kunden bewertet als Segment {segment} (Was-wäre-wenn)",
        "Every customer scored as segment {segment} (what-if)",
    ),
    "reason_label": ("Begründung", "Reason"),
    "gaps_count": ("Lücken", "Gaps"),
    "skip": ("Zum Inhalt", "Skip to content"),
    "review": ("Prüfbefunde", "Review findings"),
    "review_counts": ("Befunde je Regel", "Findings per rule"),
    "severity": ("Schwere", "Severity"),
    "rule": ("Regel", "Rule"),
    "where": ("Stelle", "Where"),
    "message": ("Befund", "Finding"),
    "findings_left_out": (
        "{n} weitere Befunde nicht aufgeführt (kundenaudit review zeigt alle).",
        "{n} more findings not listed (kundenaudit review shows them all).",
    ),
    "trend": ("Entwicklung seit {since}", "Trend since {since}"),
    "trend_snapshot": ("Vergleich mit {snapshot}", "Compared with {snapshot}"),
    "trend_index": (
        "Ø Index der {n} Kunden in beiden Audits",
        "Mean index of the {n} customers in both audits",
    ),
    "trend_parts": ("davon Katalog", "of which catalog"),
    "trend_delivery": ("davon Lieferung", "of which delivery"),
    "transitions": ("Ampel-Übergänge (alt → neu)", "Ampel transitions (old → new)"),
    "old": ("alt", "old"),
    "new": ("neu", "new"),
}


def rt(key: str, lang: Lang, **fmt: str) -> str:
    """The report label ``key`` in ``lang`` (falling back to the shared labels)."""
    if key not in _TEXTS:
        return t(key, lang, **fmt)
    de, en = _TEXTS[key]
    text = de if lang is Lang.DE else en
    return text.format(**fmt) if fmt else text
