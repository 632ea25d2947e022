"""Arbitrary CSV-ish input never crashes the importer: only findings, never an exception."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kundenaudit.load.csv.reader import parse_csv, parse_csv_bytes
from kundenaudit.load.documents import load_mapping
from kundenaudit.model.catalog import Catalog
from kundenaudit.model.mapping_file import MappingSpec
from kundenaudit.score.catalogs import load_catalog

ROOT = Path(__file__).resolve().parents[2]
CATALOG: Catalog = load_catalog(None, dt.date(2026, 11, 27))[0]
MAPPING: MappingSpec = load_mapping(ROOT / "examples/crm/kunden-export.mapping.yaml").mapping

HEADERS = [
    "customer",
    "segment",
    "service",
    "status",
    "degree",
    "reason",
    "name",
    "value",
    "reklamation",
    "wartung",
    "Kundennummer",
    "Kundenklasse",
    "Reklamation",
    "",
]
CELLS = [
    "K-1",
    "K-2",
    "standard",
    "schluesselkunde",
    "reklamation",
    "wartung",
    "erfuellt",
    "teilweise",
    "ja",
    "nein",
    "n.v.",
    "0.5",
    "1,5",
    "x",
    "",
    '"',
    '"a,b"',
    "=1+1",
    "\t",
]


@st.composite
def exports(draw: st.DrawFn) -> str:
    sep = draw(st.sampled_from([",", ";"]))
    header = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8))
    rows = draw(st.lists(st.lists(st.sampled_from(CELLS), max_size=10), max_size=12))
    lines = [sep.join(header), *(sep.join(r) for r in rows)]
    end = draw(st.sampled_from(["\n", "\r\n"]))
    return end.join(lines) + draw(st.sampled_from(["", end]))


@settings(max_examples=300, deadline=None)
@given(exports(), st.booleans(), st.sampled_from([None, "standard"]))
def test_structured_exports_only_produce_findings(text: str, mapped: bool, seg: str | None) -> None:
    records, findings = parse_csv(text, "f.csv", CATALOG, MAPPING if mapped else None, seg)
    for f in findings:
        assert f.file == "f.csv"
        assert f.line >= 1
        assert f.column >= 1
    assert all(r.id for r in records)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_only_produce_findings(data: bytes) -> None:
    parse_csv_bytes(data, "b.csv", CATALOG, None, None)
    parse_csv_bytes(data, "b.csv", CATALOG, MAPPING, "standard")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_only_produces_findings(text: str) -> None:
    parse_csv(text, "t.csv", CATALOG, None, "standard")
