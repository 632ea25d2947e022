"""Metric values (`kpis`) and outcomes in records and CSV exports (SPEC §2.2, §2.3)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kundenaudit.load.csv.reader import parse_csv as read_csv
from kundenaudit.load.documents import read_documents, to_model
from kundenaudit.load.inputs import gather
from kundenaudit.model.catalog import Catalog
from kundenaudit.model.errors import Finding, InputError, Severity
from kundenaudit.model.mapping_file import MappingSpec
from kundenaudit.model.record import Record
from kundenaudit.model.record_file import CustomerFile
from kundenaudit.score.catalogs import load_catalog

DATA = Path(__file__).resolve().parent.parent / "data" / "metrics"
TODAY = dt.date(2026, 11, 27)
HEAD = "kundenaudit: 1\ncustomer: {id: K-9, segment: standard}\n"


@pytest.fixture(scope="module")
def cat() -> Catalog:
    return load_catalog(DATA / "catalog.yaml", TODAY)[0]


def parse_csv(
    text: str, source: str, cat: Catalog, m: MappingSpec | None, segment: str | None
) -> tuple[list[Record], list[Finding]]:
    """The CSV reader, without the warning that these short exports leave services uncovered."""
    records, findings = read_csv(text, source, cat, m, segment)
    return records, [f for f in findings if f.rule != "csv-uncovered"]


def record(tmp_path: Path, body: str) -> tuple[CustomerFile | None, list[str]]:
    path = tmp_path / "k.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    docs, sink = read_documents(path, "k.yaml")
    model = to_model(CustomerFile, docs[0], sink)
    return model, [f"{f.line}:{f.column}: {f.message}" for f in sink.findings]


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("true", True),
        ("false", False),
        ("True", True),
        ('"yes"', True),
        ("'no'", False),
        ('"ja"', True),
        ('"nein"', False),
        ("ja", True),  # not a YAML 1.1 boolean: a plain string in every YAML
    ],
)
def test_outcome_words(tmp_path: Path, written: str, value: bool) -> None:
    model, problems = record(tmp_path, f"outcomes: {{churn: {written}}}\n")
    assert problems == []
    assert model is not None and model.outcomes == {"churn": value}


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "Yes", "NO", "y"])
def test_unquoted_yaml11_words_are_refused(tmp_path: Path, word: str) -> None:
    _, problems = record(tmp_path, f"outcomes: {{churn: {word}}}\n")
    # line 3, column 19: after "outcomes: {churn: " (18 characters)
    assert len(problems) == 1
    assert problems[0].startswith(f"3:19: '{word}' unquoted is a YAML 1.1 boolean")
    assert f'quote it: "{word}"' in problems[0]


def test_outcome_that_is_no_boolean(tmp_path: Path) -> None:
    _, problems = record(tmp_path, "outcomes: {churn: vielleicht}\n")
    assert problems == [
        "3:19: an outcome is true or false (or a quoted 'ja', 'nein', 'yes', 'no'), "
        "got 'vielleicht'"
    ]


def test_kpis_are_numbers(tmp_path: Path) -> None:
    model, problems = record(tmp_path, "kpis: {deckungsbeitrag: 1.5e4, zufriedenheit: -2}\n")
    assert problems == [] and model is not None
    assert model.kpis == {"deckungsbeitrag": 15000.0, "zufriedenheit": -2.0}
    _, problems = record(tmp_path, "kpis: {deckungsbeitrag: viel}\n")
    assert len(problems) == 1 and problems[0].startswith("3:25: ")


def test_unknown_metric_in_a_record_warns_with_a_suggestion(tmp_path: Path, cat: Catalog) -> None:
    path = tmp_path / "k.yaml"
    path.write_text(HEAD + "kpis: {deckungsbeitrg: 5}\n", encoding="utf-8")
    found = gather([str(path)], cat, None, None)
    (f,) = found.findings
    assert (f.severity, f.line, f.column, f.rule) == (Severity.WARNING, 3, 8, "unknown-metric")
    assert "did you mean 'deckungsbeitrag'" in f.message
    assert found.records[0].kpis == {"deckungsbeitrg": 5.0}
    with pytest.raises(InputError):  # --strict: an error
        gather([str(path)], cat, None, None, strict=True)


MAPPING = MappingSpec.model_validate(
    {
        "layout": "wide",
        "columns": {"customer": "KdNr", "segment": "Segment"},
        "kpis": {"DB": "deckungsbeitrag", "Zufr": "zufriedenheit"},
        "outcomes": {"Gekuendigt": "churn"},
        "outcome_values": {"gekündigt": True, "aktiv": False},
    }
)


def test_wide_export_with_decimal_commas(cat: Catalog) -> None:
    text = (
        "KdNr;Segment;reklamation;DB;Zufr;Gekuendigt\n"
        "K1;standard;erfuellt;12000,5;4,25;Gekündigt\n"
        "K2;standard;erfuellt;;3;aktiv\n"
    )
    records, findings = parse_csv(text, "t.csv", cat, MAPPING, None)
    assert findings == []
    k1, k2 = records
    assert (k1.kpis, k1.outcomes) == (
        {"deckungsbeitrag": 12000.5, "zufriedenheit": 4.25},
        {"churn": True},
    )
    assert (k2.kpis, k2.outcomes) == ({"zufriedenheit": 3.0}, {"churn": False})  # empty: none


def test_decimal_comma_is_refused_in_comma_files(cat: Catalog) -> None:
    text = 'KdNr,Segment,reklamation,DB\nK1,standard,erfuellt,"12,5"\n'
    _, findings = parse_csv(text, "t.csv", cat, MAPPING, None)
    assert [(f.line, f.column, f.rule) for f in findings if f.severity is Severity.ERROR] == [
        (2, 4, "csv-value")
    ]
    assert "a decimal comma only in ';'-separated files" in findings[-1].message


def test_default_outcome_words_and_an_unknown_one(cat: Catalog) -> None:
    m = MappingSpec.model_validate(
        {"layout": "wide", "columns": {"customer": "id"}, "outcomes": {"churn": "churn"}}
    )
    text = (
        "id,segment,reklamation,churn\nA,standard,ja,Yes\nB,standard,ja,0\nC,standard,ja,kaputt\n"
    )
    records, findings = parse_csv(text, "t.csv", cat, m, None)
    assert [r.outcomes for r in records] == [{"churn": True}, {"churn": False}, None]
    (f,) = findings
    assert (f.line, f.column) == (4, 4)
    assert "'kaputt' is no outcome" in f.message


def test_long_layout_repeats_values_and_conflicts_name_both_rows(cat: Catalog) -> None:
    m = MappingSpec.model_validate({"kpis": {"db": "deckungsbeitrag"}})
    text = (
        "customer,segment,service,status,db\n"
        "K1,standard,reklamation,erfuellt,100\n"
        "K1,standard,wartung,erfuellt,100\n"
        "K2,standard,reklamation,erfuellt,5\n"
        "K2,standard,wartung,erfuellt,6\n"
    )
    records, findings = parse_csv(text, "t.csv", cat, m, None)
    assert records[0].kpis == {"deckungsbeitrag": 100.0}
    (f,) = findings
    assert (f.line, f.column, f.severity, f.rule) == (5, 5, Severity.ERROR, "csv-conflict")
    assert "'6' here but '5' in row 4" in f.message


def test_a_mapped_metric_the_catalog_lacks_warns(cat: Catalog) -> None:
    m = MappingSpec.model_validate(
        {"layout": "wide", "kpis": {"Umsatz": "umsatz", "Fehlt": "zufriedenheit"}}
    )
    text = "customer,segment,reklamation,Umsatz\nK1,standard,ja,5\n"
    records, findings = parse_csv(text, "t.csv", cat, m, None)
    messages = sorted(f.message for f in findings)
    assert all(f.severity is Severity.WARNING for f in findings)
    assert len(messages) == 2
    assert "metric 'umsatz' (mapped from column 'Umsatz') is not in the catalog" in messages[0]
    assert "names column 'Fehlt' under 'kpis'" in messages[1]
    assert records[0].kpis == {"umsatz": 5.0}
