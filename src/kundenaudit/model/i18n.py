"""Labels and messages of the user-facing output in German and English."""

from __future__ import annotations

import enum


class Lang(str, enum.Enum):
    """Output language."""

    DE = "de"
    EN = "en"


_TEXTS: dict[str, tuple[str, str]] = {
    # key: (de, en)
    "service": ("Leistung", "Service"),
    "services": ("Leistungen", "Services"),
    "segment": ("Segment", "Segment"),
    "segments": ("Segmente", "Segments"),
    "category": ("Kategorie", "Category"),
    "level": ("Stufe", "Level"),
    "goals": ("Ziele", "Goals"),
    "goal": ("Ziel", "Goal"),
    "min": ("Soll-Wert", "Target"),
    "by": ("bis", "by"),
    "standing": ("laufend", "standing"),
    "knockout": ("K.-o.", "knock-out"),
    "competition": ("Wettbewerb", "Competition"),
    "effort": ("Aufwand", "Effort"),
    "weight": ("Gewicht", "Weight"),
    "entfaellt": ("entfällt", "n/a"),
    "legend_catalog": (
        "! = K.-o.-Kriterium · * = Muss, weil der Wettbewerb es als Standard bietet · "
        "◆ = bietet kein Wettbewerber",
        "! = knock-out · * = Muss because competitors offer it as standard · "
        "◆ = no competitor offers it",
    ),
    "catalog": ("Katalog", "Catalog"),
    "customer": ("Kunde", "Customer"),
    "customers": ("Kunden", "Customers"),
    "name": ("Name", "Name"),
    "status": ("Status", "Status"),
    "index": ("Index", "Index"),
    "coverage": ("Abdeckung", "Coverage"),
    "actual": ("Ist", "Actual"),
    "state": ("Zustand", "State"),
    "gaps": ("Lücken", "Gaps"),
    "gain": ("Gewinn", "Gain"),
    "action": ("Maßnahme", "Action"),
    "next_steps": ("Nächste Schritte", "Next steps"),
    "differentiators": ("Alleinstellungsmerkmale", "Differentiators"),
    "audited": ("Audit", "Audited"),
    "degree": ("Grad", "Degree"),
    "manager": ("Betreuer", "Manager"),
    "value": ("Umsatz", "Value"),
    "mean_index": ("Ø Index", "Mean index"),
    "total": ("Gesamt", "Total"),
    "top_gaps": ("Häufigste Lücken", "Most frequent gaps"),
    "affected": ("betroffen", "affected"),
    "share": ("Anteil", "Share"),
    "by_status": ("Nach Ampel", "By status"),
    "by_segment": ("Nach Segment", "By segment"),
    "counts": ("Anzahl", "Counts"),
    "reason": ("Grund", "Reason"),
    "expired": ("Ausnahme abgelaufen", "exemption expired"),
    "via_competition": ("Muss wegen Wettbewerb", "Muss because of competition"),
    "none": ("keine", "none"),
    "no_gaps": ("Keine Lücken.", "No gaps."),
    "no_steps": ("Keine: die Ampel ist grün.", "None: the status is green."),
    "reason_knockout": ("K.-o.-Kriterium nicht erfüllt: {items}", "knock-out not met: {items}"),
    "reason_goal": ("Ziel nicht erreicht: {items}", "goal not met: {items}"),
    "reason_green": ("alle Muss-Leistungen und Ziele erreicht", "all Muss services and goals met"),
    "reason_empty": ("keine anwendbare Leistung", "no applicable service"),
    "ampel.rot": ("rot", "red"),
    "ampel.gelb": ("gelb", "amber"),
    "ampel.gruen": ("grün", "green"),
    "state.erreicht": ("erreicht", "met"),
    "state.laeuft": ("läuft", "in progress"),
    "state.verfehlt": ("verfehlt", "missed"),
    "state.ueberfaellig": ("überfällig", "overdue"),
    "state.ohne_wert": ("ohne Wert", "no value"),
    "metric": ("Kennzahl", "Metric"),
    "metric_goals": ("Kennzahlenziele", "Metric goals"),
    "metrics": ("Kennzahlen je Segment", "Metrics by segment"),
    "target": ("Zielwert", "Target"),
    "with_value": ("mit Wert", "with a value"),
    "mean": ("Mittel", "Mean"),
    "sum": ("Summe", "Sum"),
    "meeting": ("Ziel erreicht", "Meeting target"),
    "costs": ("Leistungskosten", "Service costs"),
    "cost_delivered": ("geliefert", "delivered"),
    "cost_to_green": ("bis grün", "to green"),
    # cost_to_green is 0 while next steps remain: none of them has a cost (SPEC §3.1 sums only
    # the services with one), so the 0 must not read as "green costs nothing"
    "cost_to_green_none": (
        "keiner der nächsten Schritte hat Kosten im Katalog",
        "none of the next steps has a cost in the catalog",
    ),
    "margin_after_cost": ("Marge nach Leistungskosten", "Margin after service cost"),
    "cost_to_green_red": (
        "Kosten bis grün (rote Kunden)",
        "Cost to green (red customers)",
    ),
    "status.erfuellt": ("erfüllt", "fulfilled"),
    "status.teilweise": ("teilweise", "partial"),
    "status.nicht_erfuellt": ("nicht erfüllt", "not met"),
    "status.offen": ("offen", "unassessed"),
    "status.entbehrlich": ("entbehrlich", "not applicable"),
    "heatmap": ("Erfüllung je Segment und Leistung", "Fulfilment by segment and service"),
    "value_at_risk": ("Umsatz im Risiko (rote Kunden)", "Value at risk (red customers)"),
    "first_step": ("Erster Schritt", "First step"),
    "diff_title": ("Vergleich zweier Audits", "Comparison of two audits"),
    "diff_old": ("alt", "old"),
    "diff_new": ("neu", "new"),
    "diff_delta": ("Δ Index", "Δ index"),
    "diff_catalog": ("durch Katalog", "by catalog"),
    "diff_delivery": ("durch Leistung", "by delivery"),
    "diff_with_old_catalog": ("mit altem Katalog", "with the old catalog"),
    "diff_with_old_delivery": ("mit alter Leistung", "with the old delivery"),
    "diff_changes": ("Änderungen", "Changes"),
    "diff_kind": ("Art", "Kind"),
    "diff_cause": ("Ursache", "Cause"),
    "diff_effect": ("Wirkung", "Effect"),
    "diff_transitions": ("Ampel alt → neu", "Status old → new"),
    "diff_most_changed": ("Leistungen mit den meisten Änderungen", "Services with most changes"),
    "diff_catalog_only": (
        "Nur durch den Katalog verbessert",
        "Improved only through the catalog",
    ),
    "diff_no_changes": ("Keine Änderungen.", "No changes."),
    "cause.catalog": ("Katalog", "catalog"),
    "cause.delivery": ("Leistung", "delivery"),
    "goal_services": ("Leistungen {items}", "services {items}"),
    "customers_shown": (
        "{shown} von {total} Kunden gezeigt; --top N zeigt mehr, --top 0 alle",
        "{shown} of {total} customers shown; --top N for more, --top 0 for all",
    ),
    "gaps_shown": (
        "{shown} von {total} Lücken gezeigt ({why}); alle: --top 0 ohne --level/--category",
        "{shown} of {total} gaps shown ({why}); all: --top 0 without --level/--category",
    ),
    "first_n": ("die ersten {n}", "the first {n}"),
    "assessed": (
        "Bewertet: {n} von {total} Leistungen",
        "Assessed: {n} of {total} services",
    ),
    "columns_left_out": (
        "{items} ausgelassen (zu schmal; alles: --format markdown)",
        "{items} left out (too narrow; --format markdown shows all)",
    ),
    "calibration": ("Kalibrierung aus Ergebnisdaten", "Calibration from outcome data"),
    "cal_outcome": ("Ergebnis", "Outcome"),
    "cal_split": (
        "Anpassung: {fit} Kunden (SHA-256 der Kundennummer gerade), Prüfung: {check} Kunden "
        "(ungerade); zu wenig Daten unter {min} Ereignissen je Gruppe",
        "Fit: {fit} customers (SHA-256 of the id even), check: {check} customers (odd); "
        "too few data below {min} events per group",
    ),
    "cal_suggested": ("Vorschlag", "Suggested"),
    "cal_reason": ("Begründung", "Reason"),
    "cal_missing": ("fehlt", "missing"),
    "cal_delivered": ("erfüllt", "delivered"),
    "cal_events": ("Ereignisse", "events"),
    "cal_rate": ("Rate", "rate"),
    "cal_difference": ("Differenz", "Difference"),
    "cal_interval": ("95-%-Intervall", "95 % interval"),
    "cal_check": (
        "Prüfhälfte: Ergebnisrate je Ampel",
        "Check half: outcome rate per Ampel",
    ),
    "cal_current": ("aktueller Katalog", "current catalog"),
    "cal_new": ("vorgeschlagener Katalog", "suggested catalog"),
    "reason.chosen": (
        "Intervall über 0, gewählt (Reichweite − Rauschen)",
        "interval above 0, chosen (reach − noise)",
    ),
    "reason.above": ("Intervall über 0", "interval above 0"),
    "reason.includes_zero": ("Intervall enthält 0", "interval includes 0"),
    "reason.below": ("Intervall unter 0: umgekehrt", "interval below 0: reverse"),
    "reason.too_few": ("zu wenig Daten: unverändert", "too few data: unchanged"),
    "progress_read": ("Lese Eingaben", "Reading inputs"),
    "progress_score": ("Bewerte Kunden", "Scoring customers"),
}


def t(key: str, lang: Lang, **fmt: str) -> str:
    """The label ``key`` in ``lang``, formatted with ``fmt``."""
    de, en = _TEXTS[key]
    text = de if lang is Lang.DE else en
    return text.format(**fmt) if fmt else text
