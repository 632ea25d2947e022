"""Scorecards of large catalogs: how much was assessed, refs beside ids, natural id order in
displays, and the gap table narrowed by --level, --category and --top."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kundenaudit.render.gap_view import natural
from tests.cli.runner import invoke
from tests.realdata import DIR as REAL
from tests.realdata import needs

DATA = Path(__file__).resolve().parents[1] / "data" / "views"
CARD = [
    "score",
    str(DATA / "konf.customer.yaml"),
    "--catalog",
    str(DATA / "konf.catalog.yaml"),
    "--today",
    "2026-11-27",
]


@pytest.fixture(autouse=True)
def _no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")


def _gap_rows(md: str) -> list[str]:
    table = md.split("## Lücken\n\n", 1)[1].split("\n\n", 1)[0].splitlines()[2:]
    return [row.split("|")[1].strip() for row in table]


def test_natural_order_compares_numbers_by_value() -> None:
    ids = ["konf-12-14", "konf-2", "konf-12-2", "K-10", "K-9", "a01", "a1"]
    assert sorted(ids, key=natural) == [
        "K-9",
        "K-10",
        "a01",
        "a1",
        "konf-2",
        "konf-12-2",
        "konf-12-14",
    ]


def test_the_scorecard_says_how_much_was_assessed_and_shows_refs() -> None:
    code, out, err = invoke(*CARD, "-f", "markdown")
    assert (code, err) == (0, "")
    # five services apply in s (na-1 does not); konf-12-14 is not mentioned: offen
    assert "- Bewertet: 4 von 5 Leistungen\n" in out
    # the gaps keep the order of SPEC §3 and of the JSON result (equal gains: ids as text)
    assert _gap_rows(out) == [
        "konf-12-14 (K.12.14): Vierzehn",
        "konf-12-2 (K.12.2): Zwei",
        "gov-1: Leitung",
    ]
    assert "1. konf-12-14 (K.12.14): Vierzehn: Vierzehn tun\n2. konf-12-2 (K.12.2): Zwei" in out
    # the differentiators are sorted by id in the result, shown in natural order
    assert out.rstrip().endswith("## Alleinstellungsmerkmale\n\n- diff-9\n- diff-10")
    code, data, _ = invoke(*CARD, "-f", "json")
    assert json.loads(data)["customers"][0]["differentiators"] == ["diff-10", "diff-9"]


def test_english_labels() -> None:
    _, out, _ = invoke(*CARD, "-f", "markdown", "--lang", "en", "--level", "soll")
    assert "- Assessed: 4 of 5 services\n" in out
    assert "1 of 3 gaps shown (Level Soll); all: --top 0 without --level/--category" in out


def test_level_category_and_top_narrow_the_gap_table_and_say_so() -> None:
    code, out, err = invoke(*CARD, "-f", "markdown", "--level", "should")  # an input alias
    assert (code, err) == (0, "")
    assert _gap_rows(out) == ["gov-1: Leitung"]
    assert "1 von 3 Lücken gezeigt (Stufe Soll); alle: --top 0 ohne --level/--category" in out
    # the next steps are the plan: never narrowed
    assert "1. konf-12-14 (K.12.14): Vierzehn" in out
    code, out, _ = invoke(*CARD, "-f", "markdown", "--category", "konfiguration", "--top", "1")
    assert _gap_rows(out) == ["konf-12-14 (K.12.14): Vierzehn"]
    assert "1 von 3 Lücken gezeigt (Kategorie Konfiguration; die ersten 1)" in out
    code, out, _ = invoke(*CARD, "-f", "markdown", "--level", "muss", "--level", "soll")
    assert len(_gap_rows(out)) == 3 and "gezeigt" not in out


def test_narrowing_options_refuse_what_the_catalog_lacks() -> None:
    code, out, err = invoke(*CARD, "--category", "Konfig")
    assert (code, out) == (2, "")
    assert "--category: the catalog has no category 'Konfig' (did you mean 'Konfiguration'?)" in err
    code, out, err = invoke(*CARD, "--level", "must-have")
    assert (code, out) == (2, "") and "--level: unknown level 'must-have'" in err
    assert "Traceback" not in err


def test_json_keeps_every_gap_and_says_so() -> None:
    code, out, err = invoke(*CARD, "-f", "json", "--level", "soll")
    assert code == 0
    assert len(json.loads(out)["customers"][0]["gaps"]) == 3
    assert err == (
        "kundenaudit: note: json holds every gap; "
        "--level and --category narrow the gap tables of table and markdown\n"
    )


def test_portfolio_ids_sort_naturally(tmp_path: Path) -> None:
    head = "kundenaudit: 1\naudited: 2026-11-20\nservices: {}\n"
    docs = [f"{head}customer: {{id: {cid}, segment: s}}\n" for cid in ("K-10", "K-9", "K-100")]
    path = tmp_path / "three.yaml"
    path.write_text("---\n".join(docs), encoding="utf-8")
    args = ["score", str(path), "--catalog", str(DATA / "konf.catalog.yaml"), "-f", "markdown"]
    code, out, _ = invoke(*args, "--sort", "id", "--today", "2026-11-27")
    rows = [ln.split("|")[1].strip() for ln in out.splitlines() if ln.startswith("| K-")]
    assert (code, rows) == (0, ["K-9", "K-10", "K-100"])
    heat = out.split("## Erfüllung je Segment und Leistung\n\n", 1)[1].split("\n\n", 1)[0]
    ids = [ln.split("|")[1].strip() for ln in heat.splitlines()[2:]]
    assert ids == ["diff-9", "diff-10", "gov-1", "konf-12-2", "konf-12-14", "na-1"]


@needs("grundschutz-pp.catalog.yaml")
def test_a_989_service_catalog_shows_200_gaps_on_the_table(tmp_path: Path) -> None:
    record = tmp_path / "k.yaml"
    record.write_text(
        "kundenaudit: 1\ncustomer: {id: K-1, segment: normal}\naudited: 2026-11-20\n"
        "services: {gc-1-1: erfuellt, gc-1-2: erfuellt, gc-2-1: teilweise}\n",
        encoding="utf-8",
    )
    catalog = str(REAL / "grundschutz-pp.catalog.yaml")
    args = ["score", str(record), "--catalog", catalog, "--today", "2026-11-27"]
    code, out, err = invoke(*args, "-f", "table")
    assert code == 0, err
    # services that apply in `normal`: every one whose level there is not `-` (the catalog
    # marks the services of increased protection so); two erfuellt and one teilweise
    text = (REAL / "grundschutz-pp.catalog.yaml").read_text(encoding="utf-8")
    applicable = text.count("\n    level: ") - text.count("\n    level: '-'")
    assert f"Bewertet: 3 von {applicable} Leistungen" in out
    gaps = applicable - 2
    assert f"200 von {gaps} Lücken gezeigt (die ersten 200)" in out
    code, out, _ = invoke(*args, "-f", "markdown")
    assert "Lücken gezeigt" not in out  # Markdown holds every gap unless --top is given
