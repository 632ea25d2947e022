"""The formats of `calibrate` and their renderers: one registry."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kundenaudit.model.calibration import AmpelRate, Calibration, Evidence
from kundenaudit.model.i18n import Lang, t
from kundenaudit.model.vocabulary import Ampel
from kundenaudit.render.formats import CalibrateFormat

RESULT_VERSION = 1


@dataclass(frozen=True)
class Renderer:
    """A format of `calibrate` and the ``-o`` suffixes that choose it."""

    render: Callable[[Calibration, str, Lang], str]
    suffixes: tuple[str, ...]


def _r2(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def evidence_json(e: Evidence) -> dict[str, Any]:
    """One service's evidence with exactly the field names of SPEC §10."""
    return {
        "service": e.service,
        "level": e.level,
        "suggested": e.suggested,
        "flags": [f.value for f in e.flags],
        "n_missing": e.n_missing,
        "n_delivered": e.n_delivered,
        "events_missing": e.events_missing,
        "events_delivered": e.events_delivered,
        "rate_missing": _r2(e.rate_missing),
        "rate_delivered": _r2(e.rate_delivered),
        "difference": _r2(e.difference),
        "low": _r2(e.low),
        "high": _r2(e.high),
    }


def _rates(rates: dict[Ampel, AmpelRate]) -> dict[str, Any]:
    return {a: {"customers": r.customers, "rate": _r2(r.rate)} for a, r in rates.items()}


def _json(c: Calibration, catalog_name: str, lang: Lang) -> str:
    data = {
        "kundenaudit": RESULT_VERSION,
        "calibration": {
            "outcome": c.outcome,
            "segments": {s: [evidence_json(e) for e in rows] for s, rows in c.segments.items()},
            "check": {"current": _rates(c.current), "suggested": _rates(c.suggested)},
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _yaml(c: Calibration, catalog_name: str, lang: Lang) -> str:
    import yaml  # noqa: PLC0415 - only this format writes YAML

    head = (
        f"# Levels suggested by `kundenaudit calibrate --outcome {c.outcome}` from the fit half\n"
        f"# ({c.fit_customers} customers) of the outcome data; check them before adopting.\n"
    )
    body = yaml.safe_dump(
        c.suggested_document, sort_keys=False, allow_unicode=True, width=100, indent=2
    )
    return head + body


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} %"


def _pp(value: float | None) -> str:
    return "–" if value is None else f"{value:+.1f}"


def rows(c: Calibration, lang: Lang) -> dict[str, tuple[list[str], list[list[str]]]]:
    """Per segment: header and rows of the evidence table."""
    header = [
        t("service", lang),
        t("level", lang),
        t("cal_suggested", lang),
        t("cal_reason", lang),
        f"{t('cal_missing', lang)}: n",
        t("cal_events", lang),
        t("cal_rate", lang),
        f"{t('cal_delivered', lang)}: n",
        t("cal_events", lang),
        t("cal_rate", lang),
        t("cal_difference", lang),
        t("cal_interval", lang),
    ]
    out = {}
    for seg, evidence in c.segments.items():
        body = [
            [
                e.service,
                e.level.label,
                e.suggested.label + ("" if e.suggested is e.level else " ←"),
                t(f"reason.{e.reason.value}", lang),
                str(e.n_missing),
                str(e.events_missing),
                _pct(e.rate_missing),
                str(e.n_delivered),
                str(e.events_delivered),
                _pct(e.rate_delivered),
                _pp(e.difference),
                "–" if e.low is None else f"{e.low:+.1f} … {e.high:+.1f}",
            ]
            for e in evidence
        ]
        out[seg] = (header, body)
    return out


def check_rows(c: Calibration, lang: Lang) -> tuple[list[str], list[list[str]]]:
    """The held-out check: customers and outcome rate per Ampel under both catalogs."""
    header = [
        t("status", lang),
        f"{t('cal_current', lang)}: {t('customers', lang)}",
        t("cal_rate", lang),
        f"{t('cal_new', lang)}: {t('customers', lang)}",
        t("cal_rate", lang),
    ]
    body = [
        [
            t(f"ampel.{a.value}", lang),
            str(c.current[a].customers),
            _pct(c.current[a].rate),
            str(c.suggested[a].customers),
            _pct(c.suggested[a].rate),
        ]
        for a in Ampel
    ]
    return header, body


def _human(c: Calibration, catalog_name: str, lang: Lang, fmt: str) -> str:
    from tabulate import tabulate  # noqa: PLC0415

    from kundenaudit.model.text import visible  # noqa: PLC0415
    from kundenaudit.render.markdown import md_escape  # noqa: PLC0415
    from kundenaudit.render.markdown import table as md_table  # noqa: PLC0415

    def table(header: list[str], body: list[list[str]]) -> str:
        if fmt == "markdown":
            return md_table(header, [[md_escape(x) for x in r] for r in body])
        return tabulate(body, header, tablefmt="simple", disable_numparse=True)

    esc = md_escape if fmt == "markdown" else visible
    mark = ("# ", "## ") if fmt == "markdown" else ("", "")
    split = t("cal_split", lang, fit=str(c.fit_customers), check=str(c.check_customers),
              min=str(c.min_events))  # fmt: skip
    out = [
        f"{mark[0]}{t('calibration', lang)}: {t('cal_outcome', lang)} '{esc(c.outcome)}' "
        f"({t('catalog', lang)}: {esc(catalog_name)})",
        "",
        split,
        "",
    ]
    for seg, (header, body) in rows(c, lang).items():
        out += [f"{mark[1]}{t('segment', lang)} {seg}", "", table(header, body), ""]
    out += [f"{mark[1]}{t('cal_check', lang)}", "", table(*check_rows(c, lang))]
    return "\n".join(out) + "\n"


def _table(c: Calibration, catalog_name: str, lang: Lang) -> str:
    return _human(c, catalog_name, lang, "table")


def _markdown(c: Calibration, catalog_name: str, lang: Lang) -> str:
    return _human(c, catalog_name, lang, "markdown")


RENDERERS: dict[CalibrateFormat, Renderer] = {
    CalibrateFormat.TABLE: Renderer(_table, (".txt",)),
    CalibrateFormat.MARKDOWN: Renderer(_markdown, (".md", ".markdown")),
    CalibrateFormat.JSON: Renderer(_json, (".json",)),
    CalibrateFormat.YAML: Renderer(_yaml, (".yaml", ".yml")),
}
