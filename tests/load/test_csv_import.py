"""CSV import (SPEC §2.3): both layouts, the mapping file, delimiters, quoting, located errors."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import sys
from pathlib import Path

import pytest

from kundenaudit.load.csv.reader import parse_csv, parse_csv_bytes
from kundenaudit.load.documents import display_path, load_mapping, read_bytes
from kundenaudit.model.catalog import Catalog
from kundenaudit.model.errors import Finding, Severity, UsageError
from kundenaudit.model.mapping_file import MappingSpec
from kundenaudit.model.record import Delivery, Record
from kundenaudit.model.vocabulary import Status
from kundenaudit.score.catalogs import load_catalog
from tests import realdata

DATA = Path(__file__).parent.parent / "data" / "csv"
REALDATA = realdata.DIR
TODAY = dt.date(2026, 11, 27)

E, T, N, OP, X = (
    Status.ERFUELLT,
    Status.TEILWEISE,
    Status.NICHT_ERFUELLT,
    Status.OFFEN,
    Status.ENTBEHRLICH,
)


def load_csv(
    path: Path, cat: Catalog, mapping: MappingSpec | None, segment: str | None
) -> tuple[list[Record], list[Finding]]:
    """A CSV file as the score command reads it (`-`: standard input)."""
    return parse_csv_bytes(read_bytes(path), display_path(path), cat, mapping, segment)


@pytest.fixture(scope="module")
def cat() -> Catalog:
    return load_catalog(DATA / "catalog.yaml", TODAY)[0]


def mapping(name: str) -> MappingSpec:
    return load_mapping(DATA / name).mapping


def parse(
    text: str, cat: Catalog, m: MappingSpec | None = None, segment: str | None = None
) -> tuple[dict[str, Record], list[Finding]]:
    """Records by id and findings, without the warning that a wide export leaves catalog
    services without a column (these short exports do on purpose; tested on its own)."""
    records, findings = parse_csv(text, "t.csv", cat, m, segment)
    return {r.id: r for r in records}, [f for f in findings if f.rule != "csv-uncovered"]


def statuses(record: Record) -> dict[str, Status]:
    return {sid: d.status for sid, d in record.services.items()}


def where(findings: list[Finding]) -> list[tuple[int, int, str, str]]:
    return [(f.line, f.column, f.severity.value, f.rule) for f in findings]


# ------------------------------------------------------------------ long layout


def test_long_every_column(cat: Catalog) -> None:
    records, findings = load_csv(DATA / "long_basic.csv", cat, None, None)
    assert findings == []
    k1, k2 = records
    assert (k1.id, k1.segment, k1.line) == ("K-1", "schluesselkunde", 2)
    assert k1.source.endswith("data/csv/long_basic.csv")
    assert (k1.name, k1.manager, k1.value, k1.audited) == (
        "Müller GmbH",
        "A. Schmidt",
        250000.0,
        dt.date(2026, 11, 20),
    )
    assert k1.services == {
        "reklamation": Delivery(E, date=dt.date(2026, 10, 2), evidence="Ticket 4711"),
        "wartung": Delivery(T, degree=0.7, note="Liefertermin fehlt oft"),
        "marktinfo": Delivery(
            X, reason="Kunde wünscht keine Marktinfos", until=dt.date(2027, 6, 30)
        ),
    }
    assert (k2.id, k2.segment, k2.line, k2.name) == ("K-2", "standard", 5, "Schulz KG")
    # 'ja' and 'partial' are aliases; an empty status cell is offen
    assert statuses(k2) == {"reklamation": E, "wartung": OP, "ersatzteile": T}
    assert k2.services["ersatzteile"].degree is None


def test_long_semicolon_bom_crlf_and_quoted_fields(cat: Catalog) -> None:
    data = (
        "\ufeffcustomer;segment;service;status;degree;reason\r\n"
        "K-1;standard;reklamation;erfuellt;;\r\n"
        "K-1;standard;wartung;teilweise;0,25;\r\n"
        'K-1;standard;marktinfo;entbehrlich;;"Kunde; sagt\r\n""nein"""\r\n'
        "K-1;standard;ersatzteile;NEIN;;\r\n"
        '"K;2";;reklamation;erfüllt;;\r\n'
        '"K;2";"standard";wartung;;;\r\n'
        "K-3;standard;wartung;kaputt;;\r\n"
    ).encode()
    records, findings = parse_csv_bytes(data, "t.csv", cat, None, None)
    by_id = {r.id: r for r in records}
    k1 = by_id["K-1"]
    assert k1.services["wartung"] == Delivery(T, degree=0.25)  # decimal comma
    assert k1.services["marktinfo"] == Delivery(X, reason='Kunde; sagt\r\n"nein"')
    assert statuses(k1)["ersatzteile"] is N  # case-insensitive alias
    assert by_id["K;2"].segment == "standard"
    assert statuses(by_id["K;2"]) == {"reklamation": E, "wartung": OP}
    # the quoted field spans two lines but is one spreadsheet row: K-3 is row 8
    assert where(findings) == [(8, 4, "error", "csv-status")]
    assert by_id["K-3"].line == 8


def test_bom_in_text_and_old_mac_line_ends(cat: Catalog) -> None:
    text = "\ufeffcustomer,segment,service,status\rK-1,standard,wartung,ja\rK-1,x,y,z,w\r"
    records, findings = parse(text, cat)
    assert statuses(records["K-1"]) == {"wartung": E}
    assert where(findings) == [(3, 5, "error", "csv-row")]


def test_unreadable_row_stops_with_a_located_error(cat: Catalog) -> None:
    huge = '"' + "x" * 200_000 + '"'
    text = (
        "customer,segment,service,status,reason\n"
        f"K-1,standard,wartung,ja,\nK-2,standard,wartung,n/a,{huge}\n"
    )
    records, findings = parse(text, cat)
    assert where(findings) == [(3, 1, "error", "csv-syntax")]
    assert "field larger than field limit" in findings[0].message
    assert list(records) == ["K-1"]


def test_comma_delimiter_with_quoted_comma(cat: Catalog) -> None:
    records, findings = parse(
        'customer,name,segment,service,status\nK-1,"Müller, Söhne",standard,wartung,ja\n', cat
    )
    assert findings == []
    assert records["K-1"].name == "Müller, Söhne"


def test_header_in_any_order_and_case(cat: Catalog) -> None:
    records, findings = parse("Status,Service,Segment,Customer\nja,wartung,standard,K-1\n", cat)
    assert findings == []
    assert statuses(records["K-1"]) == {"wartung": E}


def test_long_errors_are_all_reported_with_their_row_and_column(cat: Catalog) -> None:
    records, findings = load_csv(DATA / "long_errors.csv", cat, None, None)
    assert where(findings) == LONG_ERRORS
    messages = [f.message for f in findings]
    assert messages[0].startswith(
        "unknown status 'vielleicht' in column 'status' (also in 1 more row): use a status word"
    )
    assert messages[1] == "customer 'K-1' has service 'reklamation' again (first in row 2)"
    assert messages[2] == (
        "customer 'K-1' has segment 'schluesselkunde' here but 'standard' in row 2"
    )
    assert messages[3].startswith("customer 'K-2' has no segment: fill column 'segment'")
    assert messages[4] == (
        "unknown segment 'standart' (did you mean 'standard'?): map it to a segment id of the "
        "catalog under 'segments:' in the mapping file ('standart': standard)"
    )
    assert messages[5] == (
        "column 'degree' must be a number between 0 and 1 (exclusive), found '1.5'"
    )
    assert messages[6] == (
        "column 'degree' must be empty unless the status is 'teilweise', found '0.5'"
    )
    assert messages[7] == "status 'entbehrlich' needs a reason in column 'reason'"
    assert messages[8] == (
        "service 'reklamaton' is not in the catalog (did you mean 'reklamation'?)"
    )
    assert messages[9] == "column 'date' must be an ISO date (YYYY-MM-DD), found '2026-13-01'"
    assert messages[10].startswith("row has 8 fields but the header has 7")
    assert messages[11] == "no customer id in column 'customer'"
    assert messages[12] == "no service in column 'service'"
    assert messages[13].startswith("service 'wart\\nung' is not in the catalog")
    assert messages[14].startswith("unknown status 'kaputt' in column 'status': ")
    assert messages[15] == messages[1]
    assert all(f.file.endswith("long_errors.csv") for f in findings)
    assert [r.id for r in records] == ["K-1", "K-2", "K-3", "K-4", "K-5"]


# (row, column, severity, rule), checked by hand against tests/data/csv/long_errors.csv:
# row 16 is a blank line, row 17 ',,,,,,' (both skipped); row 19 spans two lines.
LONG_ERRORS = [
    (3, 4, "error", "csv-status"),
    (4, 3, "error", "csv-duplicate"),
    (5, 2, "error", "csv-segment"),
    (6, 2, "error", "missing-segment"),
    (7, 2, "error", "unknown-segment"),
    (8, 5, "error", "csv-value"),
    (9, 5, "error", "csv-value"),
    (10, 6, "error", "csv-reason"),
    (11, 3, "warning", "unknown-service"),
    (12, 7, "error", "csv-value"),
    (14, 8, "error", "csv-row"),
    (17, 1, "error", "csv-value"),
    (18, 3, "error", "csv-value"),
    (19, 3, "warning", "unknown-service"),
    (20, 4, "error", "csv-status"),
    (21, 3, "error", "csv-duplicate"),
]


def rotate(text: str) -> str:
    """The same CSV with the first column moved to the end (same rows, same quoting needs)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in csv.reader(io.StringIO(text, newline="")):
        writer.writerow(row[1:] + row[:1] if row else row)
    return out.getvalue()


def test_customer_column_anywhere_gives_the_same_findings(cat: Catalog) -> None:
    """With the customer last, rows take the general path instead of the line cache."""
    text = rotate((DATA / "long_errors.csv").read_text(encoding="utf-8"))
    _, findings = parse(text, cat)
    width = 7
    moved = [
        (row, col if col > width else (col - 2) % width + 1, sev, rule)
        for row, col, sev, rule in LONG_ERRORS
    ]
    # row 14 (too many fields) has its extra field moved before the customer: still column 8
    assert sorted(where(findings)) == sorted(moved)


def test_entbehrlich_without_reason_column(cat: Catalog) -> None:
    _, findings = parse("customer,segment,service,status\nK-1,standard,wartung,n/a\n", cat)
    assert where(findings) == [(2, 4, "error", "csv-reason")]
    assert findings[0].message == "status 'entbehrlich' needs a reason: add a column 'reason'"


def test_customer_without_any_segment_cell_but_one_row_suffices(cat: Catalog) -> None:
    records, findings = parse(
        "customer,segment,service,status\nK-1,,wartung,ja\nK-1,standard,marktinfo,ja\n", cat
    )
    assert findings == []
    assert records["K-1"].segment == "standard"


def test_conflicting_customer_fields_warn_once(cat: Catalog) -> None:
    text = (
        "customer,name,segment,service,status\n"
        "K-1,A,standard,wartung,ja\nK-1,B,standard,marktinfo,ja\nK-1,C,standard,ersatzteile,ja\n"
    )
    records, findings = parse(text, cat)
    assert where(findings) == [(3, 2, "warning", "csv-conflict")]
    assert findings[0].message == (
        "customer 'K-1' has name 'B' here but 'A' in row 2; the first is used"
    )
    assert records["K-1"].name == "A"


def test_customer_rows_need_not_be_adjacent(cat: Catalog) -> None:
    text = (
        "customer,segment,service,status\n"
        "K-1,standard,wartung,ja\nK-2,standard,wartung,nein\nK-1,standard,marktinfo,nein\n"
    )
    records, findings = parse(text, cat)
    assert findings == []
    assert statuses(records["K-1"]) == {"wartung": E, "marktinfo": N}
    assert list(records) == ["K-1", "K-2"]


def test_missing_required_column_is_a_header_error(cat: Catalog) -> None:
    records, findings = parse("kunde,segment,service,status\nK-1,standard,wartung,ja\n", cat)
    assert records == {}
    assert where(findings) == [(1, 1, "error", "csv-header")]
    assert findings[0].message.startswith(
        "missing column 'customer': the long layout needs the columns customer, service, status"
    )


def test_wide_without_customer_column(cat: Catalog) -> None:
    _, findings = parse("name,segment,wartung\nMüller,standard,ja\n", cat)
    assert where(findings) == [(1, 1, "error", "csv-header")]
    # without a mapping: say that a mapping file is what it needs, and where it was looked for
    assert findings[0].message.startswith("this export needs a mapping file (it has no column")
    assert findings[0].message.endswith(
        "none was found beside it (looked for t.mapping.yaml): write one there or pass "
        "--mapping FILE"
    )
    # with a mapping that does not name the customer column: the column it lacks
    m = MappingSpec.model_validate({"layout": "wide"})
    _, findings = parse("name,segment,wartung\nMüller,standard,ja\n", cat, m)
    assert "missing column 'customer'" in findings[0].message


def test_no_segment_column_needs_segment_option(cat: Catalog) -> None:
    text = "customer,service,status\nK-1,wartung,ja\nK-2,wartung,nein\n"
    _, findings = parse(text, cat)
    assert where(findings) == [(1, 1, "error", "csv-header")]  # once, not per customer
    assert "pass --segment" in findings[0].message
    records, findings = parse(text, cat, segment="schluesselkunde")
    assert findings == []
    assert {r.segment for r in records.values()} == {"schluesselkunde"}


def test_segment_option_is_only_the_fallback(cat: Catalog) -> None:
    # SPEC §4: --segment is the segment of customers without one; the column still counts
    text = "customer,segment,service,status\nK-1,schluesselkunde,wartung,ja\nK-2,,marktinfo,ja\n"
    records, findings = parse(text, cat, segment="standard")
    assert findings == []
    assert (records["K-1"].segment, records["K-2"].segment) == ("schluesselkunde", "standard")
    text = "customer,segment,service,status\nK-1,unbekannt,wartung,ja\n"
    _, findings = parse(text, cat, segment="standard")
    assert where(findings) == [(2, 2, "error", "unknown-segment")]


def test_unknown_segment_option(cat: Catalog) -> None:
    _, findings = parse("customer,service,status\nK-1,wartung,ja\n", cat, segment="standart")
    assert where(findings) == [(1, 1, "error", "unknown-segment")]
    assert "did you mean 'standard'?" in findings[0].message


def test_blank_and_empty_rows_are_skipped_but_counted(cat: Catalog) -> None:
    text = "customer,segment,service,status\n\nK-1,standard,wartung,ja\n,,,\n\nK-1,x,y,z,extra\n"
    records, findings = parse(text, cat)
    assert statuses(records["K-1"]) == {"wartung": E}
    assert where(findings) == [(6, 5, "error", "csv-row")]


def test_short_rows_are_padded(cat: Catalog) -> None:
    records, findings = parse("customer,segment,service,status,reason\nK-1,standard,wartung\n", cat)
    assert findings == []
    assert statuses(records["K-1"]) == {"wartung": OP}


def test_empty_input_and_header_only(cat: Catalog) -> None:
    _, findings = parse("", cat)
    assert where(findings) == [(1, 1, "error", "csv-header")]
    records, findings = parse("customer,segment,service,status\n", cat)
    assert (records, findings) == ({}, [])


def test_shared_deliveries_for_plain_rows(cat: Catalog) -> None:
    text = "customer,segment,service,status,degree\n" + "".join(
        f"K-{i},standard,{s},ja,\n" for i in range(3) for s in ("wartung", "marktinfo")
    )
    records, _ = parse(text, cat)
    ids = {id(d) for r in records.values() for d in r.services.values()}
    assert len(ids) == 1
    assert {id(sid) for r in records.values() for sid in r.services} == {
        id(k) for k in cat.services if k in ("wartung", "marktinfo")
    }


# ------------------------------------------------------------------ wide layout


def test_wide_without_mapping(cat: Catalog) -> None:
    records, findings = parse(
        "customer;name;segment;reklamation;wartung;marktinfo;ersatzteile;gender\n"
        "K-1;Müller;standard;erfuellt;nein;n/a;;Female\n",
        cat,
    )
    assert findings == []
    k1 = records["K-1"]
    assert statuses(k1) == {"reklamation": E, "wartung": N, "marktinfo": X, "ersatzteile": OP}
    # the wide layout has no reason column: the value is the reason
    assert k1.services["marktinfo"].reason == "n/a"


def test_wide_errors(cat: Catalog) -> None:
    records, findings = load_csv(DATA / "wide_errors.csv", cat, None, None)
    assert where(findings) == [
        (3, 6, "error", "csv-status"),  # 'vielleicht' under reklamation
        (4, 1, "error", "csv-duplicate"),  # K-1 again
        (5, 3, "error", "missing-segment"),  # K-3
        (6, 3, "error", "unknown-segment"),  # premium
        (7, 6, "error", "csv-status"),  # 'Yes' without a mapping
        (8, 4, "error", "csv-value"),  # value -1
        (8, 5, "error", "csv-value"),  # audited 20.11.2026
    ]
    assert findings[1].message.startswith("customer 'K-1' appears again (first in row 2)")
    assert "unknown status 'Yes' in column 'reklamation'" in findings[4].message
    assert findings[5].message == (
        "column 'value' must be a number >= 0 (at most 1,000,000,000,000,000), found '-1'"
    )
    by_id = {r.id: r for r in records}
    assert (by_id["K-1"].value, by_id["K-1"].audited) == (1000.0, dt.date(2026, 11, 20))


def test_wide_mapping_every_key(cat: Catalog) -> None:
    records, findings = load_csv(DATA / "wide_mapped.csv", cat, mapping("wide.mapping.yaml"), None)
    assert findings == []
    k1, k2, k3 = records
    assert (k1.id, k1.segment, k1.name, k1.value, k1.manager) == (
        "K-1",
        "schluesselkunde",
        "Müller GmbH",
        250000.5,
        "A. Schmidt",
    )
    assert statuses(k1) == {"reklamation": E, "wartung": N, "marktinfo": X, "ersatzteile": E}
    assert k1.services["marktinfo"].reason == "Kein Bedarf"  # mapped to entbehrlich
    assert (k2.segment, k2.name) == ("standard", "Schulz; Söhne KG")
    # "" mapped to nicht_erfuellt; 'yes' matches "Yes" ignoring case; column_values win
    assert statuses(k2) == {"reklamation": N, "wartung": N, "marktinfo": E, "ersatzteile": X}
    assert k2.services["ersatzteile"].reason == "No"
    # a segment id needs no mapping; status words still work beside the mapping
    assert k3.segment == "standard"
    assert statuses(k3) == {"reklamation": E, "wartung": OP, "marktinfo": E, "ersatzteile": T}


def test_long_mapping_every_key(cat: Catalog) -> None:
    records, findings = load_csv(DATA / "long_mapped.csv", cat, mapping("long.mapping.yaml"), None)
    assert findings == []
    k1, k2 = records
    assert k1.segment == "schluesselkunde"
    # column_values keyed by the raw service value 'Wartung' override values
    assert statuses(k1) == {"reklamation": E, "wartung": T, "marktinfo": X, "ersatzteile": X}
    assert k1.services["marktinfo"].reason == "egal"  # the raw value as reason
    assert k1.services["ersatzteile"].reason == "zu teuer"  # the reason column wins
    assert (k2.segment, statuses(k2)) == ("standard", {"reklamation": T})


def test_mapping_without_layout_detects_it(cat: Catalog) -> None:
    m = MappingSpec(columns={"customer": "KdNr"}, services={"Wartung": "wartung"})
    records, findings = parse("KdNr,segment,Wartung\nK-1,standard,ja\n", cat, m)
    assert findings == []
    assert statuses(records["K-1"]) == {"wartung": E}


def test_mapping_empty_value_and_default_segment(cat: Catalog) -> None:
    m = MappingSpec.model_validate(
        {"layout": "wide", "values": {"": "entbehrlich"}, "segments": {"": "standard"}}
    )
    records, findings = parse("customer,segment,wartung\nK-1,,\n", cat, m)
    assert findings == []
    assert records["K-1"].segment == "standard"
    assert records["K-1"].services["wartung"] == Delivery(X, reason="(empty cell)")


def test_unknown_mapped_segment_and_column(cat: Catalog) -> None:
    m = MappingSpec.model_validate(
        {"layout": "wide", "segments": {"Gold": "gold"}, "services": {"Fehlt": "wartung"}}
    )
    _, findings = parse("customer,segment,wartung\nK-1,Gold,ja\nK-2,Gold,ja\n", cat, m)
    assert where(findings) == [
        (1, 1, "warning", "csv-header"),  # the mapping names column 'Fehlt'
        (2, 2, "error", "unknown-segment"),
    ]
    assert findings[1].message == (
        "unknown segment 'Gold' (mapped to 'gold') (the segment of 2 customers): "
        "correct 'Gold: gold' under 'segments:' in the mapping file"
    )


def test_wide_mapping_to_an_unknown_service_warns(cat: Catalog) -> None:
    m = MappingSpec.model_validate({"layout": "wide", "services": {"Wart": "wartun"}})
    records, findings = parse("customer,segment,Wart\nK-1,standard,ja\n", cat, m)
    assert where(findings) == [(1, 3, "warning", "unknown-service")]
    assert "did you mean 'wartung'?" in findings[0].message
    assert statuses(records["K-1"]) == {"wartun": E}


def test_column_values_for_no_column_warns(cat: Catalog) -> None:
    m = MappingSpec.model_validate(
        {"layout": "wide", "column_values": {"wartung": {"x": "ja"}, "Fehlt": {"x": "ja"}}}
    )
    records, findings = parse("customer,segment,wartung\nK-1,standard,x\n", cat, m)
    assert where(findings) == [(1, 1, "warning", "csv-header")]
    assert "'Fehlt'" in findings[0].message
    assert statuses(records["K-1"]) == {"wartung": E}


def test_wide_needs_a_service_column(cat: Catalog) -> None:
    _, findings = parse("customer,segment,gender\nK-1,standard,Female\n", cat)
    assert where(findings) == [(1, 1, "error", "csv-header")]
    assert findings[0].message.startswith("no column is a service of the catalog")


def test_two_columns_for_one_service(cat: Catalog) -> None:
    m = MappingSpec.model_validate({"layout": "wide", "services": {"Wart": "wartung"}})
    _, findings = parse("customer,segment,wartung,Wart\nK-1,standard,ja,ja\n", cat, m)
    assert where(findings) == [(1, 4, "error", "csv-header")]


def test_doubled_column_is_a_header_error(cat: Catalog) -> None:
    _, findings = parse("customer,segment,service,status,Customer\n", cat)
    assert where(findings) == [(1, 5, "error", "csv-header")]


# ------------------------------------------------------------------ bytes, files, stdin


def test_not_utf8_is_one_located_finding(cat: Catalog) -> None:
    data = "customer,segment,service,status\nK-1,standard,wartung,erfüllt\n".encode("latin-1")
    records, findings = parse_csv_bytes(data, "x.csv", cat, None, None)
    assert records == []
    assert where(findings) == [(2, 25, "error", "encoding")]  # 'ü' is the 25th character
    assert findings[0].file == "x.csv"


def test_load_csv_from_stdin(cat: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    class Stdin:
        buffer = io.BytesIO(
            b"\xef\xbb\xbfcustomer,segment,service,status\nK-1,standard,wartung,ja\n"
        )

    monkeypatch.setattr(sys, "stdin", Stdin())
    records, findings = load_csv(Path("-"), cat, None, None)
    assert findings == []
    assert (records[0].id, records[0].source) == ("K-1", "<stdin>")


def test_load_csv_missing_file(cat: Catalog, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="file not found"):
        load_csv(tmp_path / "fehlt.csv", cat, None, None)


# ------------------------------------------------------------------ the line cache


def random_export(rnd: random.Random, customer_first: bool) -> str:
    """A long export with every kind of row the line cache must treat like the csv module."""
    services = ["reklamation", "wartung", "marktinfo", "ersatzteile", "reklamaton"]
    cells = [
        ("erfuellt", "", ""),
        ("teilweise", "0.5", ""),
        ("teilweise", "", ""),
        ("nein", "", ""),
        ("", "", ""),
        ("entbehrlich", "", "weil; so"),
        ("entbehrlich", "", 'zwei\nZeilen, "zitiert"'),
        ("entbehrlich", "", ""),
        ("vielleicht", "", ""),
        ("erfuellt", "2", ""),
        ("n/a", "", "x"),
    ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=rnd.choice(["\n", "\r\n"]))
    header = ["customer", "segment", "service", "status", "degree", "reason"]
    writer.writerow(header if customer_first else [*header[1:], header[0]])
    for _ in range(rnd.randint(50, 300)):
        cust = rnd.choice(["K-1", "K-2", "K,3", " K-4 ", "", 'K"5'])
        seg = rnd.choice(["standard", "standard", "schluesselkunde", "", "standart"])
        row = [cust, seg, rnd.choice(services), *rnd.choice(cells)]
        row[3:4] = [rnd.choice([row[3], row[3].upper()])]
        if rnd.random() < 0.03:
            out.write("\n")
            continue
        if rnd.random() < 0.03:
            row.append("zu viel")
        writer.writerow(row if customer_first else [*row[1:6], row[0], *row[6:]])
    return out.getvalue()


def test_customer_first_takes_the_line_cache(cat: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    from kundenaudit.load.csv.long import LongRows

    def fail(*_: object) -> None:
        raise AssertionError("general path taken")

    monkeypatch.setattr(LongRows, "plain_rows", fail)
    records, _ = parse_csv(random_export(random.Random(1), True), "t.csv", cat, None, None)
    assert records
    with pytest.raises(AssertionError, match="general path"):
        parse_csv(random_export(random.Random(1), False), "t.csv", cat, None, None)


@pytest.mark.parametrize("seed", range(25))
def test_line_cache_agrees_with_the_csv_module(cat: Catalog, seed: int) -> None:
    rnd = random.Random(seed)
    text = random_export(rnd, customer_first=True)
    rnd = random.Random(seed)
    other = random_export(rnd, customer_first=False)
    fast, fast_findings = parse_csv(text, "t.csv", cat, None, None)
    slow, slow_findings = parse_csv(other, "t.csv", cat, None, None)
    assert [(r.id, r.segment, r.line, dict(r.services)) for r in fast] == [
        (r.id, r.segment, r.line, dict(r.services)) for r in slow
    ]
    assert sorted((f.line, f.rule, f.message) for f in fast_findings) == sorted(
        (f.line, f.rule, f.message) for f in slow_findings
    )


# ------------------------------------------------------------------ real data


@realdata.needs("telco.catalog.yaml", "telco.mapping.yaml", "telco.csv", "telco-long.csv")
def test_telco_wide_and_long_agree() -> None:
    catalog = load_catalog(REALDATA / "telco.catalog.yaml", TODAY)[0]
    m = load_mapping(REALDATA / "telco.mapping.yaml").mapping
    wide, wide_findings = load_csv(REALDATA / "telco.csv", catalog, m, None)
    long, long_findings = load_csv(REALDATA / "telco-long.csv", catalog, None, None)
    assert wide_findings == [] and long_findings == []
    assert len(wide) == 7043
    assert [r.id for r in wide] == [r.id for r in long]
    by_id = {r.id: r for r in long}
    for w in wide:
        lg = by_id[w.id]
        assert w.segment == lg.segment
        assert set(w.services) == set(lg.services) == set(catalog.services)
        for sid, d in w.services.items():
            assert (d.status, d.reason) == (lg.services[sid].status, lg.services[sid].reason)
    assert {r.segment for r in wide} == {"monthly", "annual", "biennial"}
    assert sum(d.status is Status.ENTBEHRLICH for r in wide for d in r.services.values()) > 0


def test_severity_of_unknown_service_matches_yaml(cat: Catalog) -> None:
    _, findings = parse("customer,segment,service,status\nK-1,standard,wartng,ja\n", cat)
    assert [f.severity for f in findings] == [Severity.WARNING]


# ------------------------------------------------------------------ coverage and hints


def test_services_without_a_column_are_named_once(cat: Catalog) -> None:
    # uncovered.csv has columns reklamation and wartung; the catalog also has marktinfo (kann)
    # and ersatzteile (soll), which apply in 'standard': one warning, not a gap per customer
    records, findings = load_csv(DATA / "uncovered.csv", cat, None, None)
    assert len(records) == 2
    assert where(findings) == [(1, 1, "warning", "csv-uncovered")]
    assert findings[0].message.startswith(
        "no column covers the catalog's service(s) ersatzteile, marktinfo: every customer "
        "counts them as 'offen'"
    )


def test_a_service_that_applies_to_no_customer_needs_no_column(tmp_path: Path) -> None:
    catalog = tmp_path / "c.yaml"
    catalog.write_text(
        "kundenaudit: 1\nname: C\nsegments:\n  - {id: a, name: A}\n  - {id: b, name: B}\n"
        "services:\n  - {id: s1, name: S1, level: muss, action: x}\n"
        "  - {id: s2, name: S2, level: muss, levels: {a: entfaellt}, action: x}\n",
        encoding="utf-8",
    )
    cat = load_catalog(catalog, TODAY)[0]
    # every customer is in segment a, where s2 does not apply
    _, findings = parse_csv("customer,segment,s1\nK-1,a,ja\n", "t.csv", cat, None, None)
    assert findings == []
    _, findings = parse_csv("customer,segment,s1\nK-1,a,ja\nK-2,b,ja\n", "t.csv", cat, None, None)
    assert [f.message.split(":")[0] for f in findings] == [
        "no column covers the catalog's service(s) s2"
    ]


def test_many_uncovered_services_are_counted_beyond_ten(tmp_path: Path) -> None:
    services = "".join(
        f"  - {{id: s{i:02d}, name: S, level: soll, action: x}}\n" for i in range(13)
    )
    catalog = tmp_path / "c.yaml"
    catalog.write_text(
        f"kundenaudit: 1\nname: C\nsegments:\n  - {{id: a, name: A}}\nservices:\n{services}",
        encoding="utf-8",
    )
    cat = load_catalog(catalog, TODAY)[0]
    _, findings = parse_csv("customer,segment,s00\nK-1,a,ja\n", "t.csv", cat, None, None)
    # 12 uncovered (s01..s12): ten by name, then the count of the other two
    names = ", ".join(f"s{i:02d}" for i in range(1, 11))
    assert findings[0].message.startswith(
        f"no column covers the catalog's service(s) {names} and 2 more:"
    )


def test_a_wide_export_without_mapping_asks_for_one_by_name(cat: Catalog) -> None:
    _, findings = load_csv(DATA / "needs-mapping.csv", cat, None, None)
    assert where(findings) == [(1, 1, "error", "csv-header")]  # one error, not one per column
    assert "this export needs a mapping file" in findings[0].message
    assert "(looked for tests/data/csv/needs-mapping.mapping.yaml)" in findings[0].message
    # standard input has nothing beside it: only --mapping
    _, findings = parse_csv("Nr;Klasse\nK-1;A\n", "<stdin>", cat, None, None)
    assert findings[0].message.endswith("columns to service ids; pass one with --mapping FILE")


def test_an_unknown_segment_says_to_map_it_under_segments(cat: Catalog) -> None:
    m = MappingSpec.model_validate({"layout": "wide", "segments": {"Gold": "schluesselkunde"}})
    _, findings = parse("customer,segment,wartung\nK-1,Silber,ja\n", cat, m)
    assert where(findings) == [(2, 2, "error", "unknown-segment")]
    assert findings[0].message == (
        "unknown segment 'Silber': map it to a segment id of the catalog under 'segments:' "
        "in the mapping file ('Silber': standard)"
    )
