"""The long layout's fast path for per-customer columns (name, value, manager, audited, segment
leading the row): the same records and the same findings, at the same positions, as the row by
row path, and what those are for good and bad cells, checked by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kundenaudit.load.csv import chunks, prefix, reader
from kundenaudit.load.csv.prefix import prefix_end
from kundenaudit.load.csv.reader import parse_csv
from kundenaudit.model.catalog import Catalog
from kundenaudit.model.errors import Finding, Severity
from kundenaudit.model.record import Record
from kundenaudit.model.vocabulary import Status
from kundenaudit.score.catalogs import load_catalog

CATALOG: Catalog = load_catalog(None, dt.date(2026, 11, 27))[0]
E, T, N = Status.ERFUELLT, Status.TEILWEISE, Status.NICHT_ERFUELLT


def both(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[list[Record], list[Finding]]:
    """Parse with the fast path and with the row by row path; both must agree."""
    fast = parse_csv(text, "x.csv", CATALOG, None, None)
    with monkeypatch.context() as m:
        m.setattr(reader, "prefix_width", lambda _st: 0)
        slow = parse_csv(text, "x.csv", CATALOG, None, None)
    assert fast == slow
    return fast


def where(findings: list[Finding]) -> list[tuple[int, int, Severity, str]]:
    return [(f.line, f.column, f.severity, f.rule) for f in findings]


HEAD = "customer,name,segment,value,manager,audited,service,status,degree,reason\n"


def test_prefix_width_counts_leading_per_customer_columns() -> None:
    def width(header: str) -> int:
        seen: list[int] = []
        real = prefix.PrefixRows.__init__

        def spy(self: prefix.PrefixRows, state: object, k: int) -> None:
            seen.append(k)
            real(self, state, k)  # type: ignore[arg-type]

        with pytest.MonkeyPatch.context() as m:
            m.setattr(prefix.PrefixRows, "__init__", spy)
            parse_csv(header + "\n", "x.csv", CATALOG, None, None)
        return seen[0] if seen else 0

    assert width(HEAD) == 6  # customer .. audited
    assert width("name,customer,service,status,segment\n") == 2  # segment in the tail
    assert width("customer,service,status,name\n") == 0  # name after the tail: row by row
    assert width("customer,segment,service,status\n") == 0  # no per-customer field: lane path


def test_good_cells_read_once_per_customer(monkeypatch: pytest.MonkeyPatch) -> None:
    text = HEAD + (
        'K-1,"Müller, Söhne",standard,"250000",A. Schmidt,2026-11-20,reklamation,erfuellt,,\n'
        'K-1,"Müller, Söhne",standard,"250000",A. Schmidt,2026-11-20,wartung,teilweise,0.7,\n'
        "K-2,Meier,schluesselkunde,1000,,,reklamation,nicht_erfuellt,,\n"
        "K-2,Meier,schluesselkunde,1000,,,wartung,erfuellt,,\n"
    )
    records, findings = both(text, monkeypatch)
    assert where(findings) == []
    k1, k2 = records
    assert (k1.id, k1.name, k1.segment, k1.value, k1.manager) == (
        "K-1",
        "Müller, Söhne",
        "standard",
        250000.0,
        "A. Schmidt",
    )
    assert k1.audited == dt.date(2026, 11, 20)
    assert {s: d.status for s, d in k1.services.items()} == {"reklamation": E, "wartung": T}
    assert k1.services["wartung"].degree == 0.7
    assert (k2.id, k2.name, k2.segment, k2.value, k2.manager, k2.audited) == (
        "K-2",
        "Meier",
        "schluesselkunde",
        1000.0,
        None,
        None,
    )
    assert {s: d.status for s, d in k2.services.items()} == {"reklamation": N, "wartung": E}


def test_bad_and_conflicting_cells_located(monkeypatch: pytest.MonkeyPatch) -> None:
    text = HEAD + (
        "K-1,Alpha,standard,viel,,2026-13-01,reklamation,erfuellt,,\n"  # row 2: value, audited
        "K-1,Alpha,standard,viel,,2026-13-01,wartung,erfuellt,,\n"  # row 3: same cells, silent
        "K-1,Beta,standard,viel,,2026-13-01,angebot,erfuellt,,\n"  # row 4: name conflicts
        "K-2,,standard,5,,,reklamation,erfuellt,,\n"  # row 5: no name yet
        "K-2,Gamma,schluesselkunde,5,,,wartung,erfuellt,,\n"  # row 6: name; segment conflicts
        "K-2,Gamma,schluesselkunde,5,,,reklamation,erfuellt,,\n"  # row 7: service again
        ",Delta,standard,5,,,reklamation,erfuellt,,\n"  # row 8: no customer id
        "K-3,Eps,standard,5,,,reklamation,erfuellt,,,extra\n"  # row 9: too long, nothing read
    )
    records, findings = both(text, monkeypatch)
    assert where(findings) == [
        (2, 4, Severity.ERROR, "csv-value"),  # value 'viel' (column 4)
        (2, 6, Severity.ERROR, "csv-value"),  # audited 2026-13-01 (column 6)
        (4, 2, Severity.WARNING, "csv-conflict"),  # name Beta vs Alpha of row 2
        (6, 3, Severity.ERROR, "csv-segment"),  # schluesselkunde vs standard of row 5
        (7, 7, Severity.ERROR, "csv-duplicate"),  # reklamation again, first in row 5
        (8, 1, Severity.ERROR, "csv-value"),  # no customer id
        (9, 11, Severity.ERROR, "csv-row"),  # 11 fields, header has 10
    ]
    assert "first in row 5" in findings[4].message
    assert [r.id for r in records] == ["K-1", "K-2"]  # K-3's only row was not read
    k1, k2 = records
    assert (k1.name, k1.value, k1.audited) == ("Alpha", None, None)  # the first name counts
    assert (k2.name, k2.segment, k2.value) == ("Gamma", "standard", 5.0)
    assert sorted(k1.services) == ["angebot", "reklamation", "wartung"]


def test_spread_customers_and_quoted_prefixes(monkeypatch: pytest.MonkeyPatch) -> None:
    text = HEAD + (
        '"K-1","A ""B"" C",standard,1,,,reklamation,erfuellt,,\n'
        "K-2,Zwei,standard,2,,,reklamation,erfuellt,,\n"
        '"K-1","A ""B"" C",standard,1,,,wartung,erfuellt,,\n'
        '"K-1","A ""B"" C",standard,1,,,angebot,"nicht\nerfuellt",,\n'  # row 5, two lines
        "K-2,Zwei,standard,3,,,wartung,erfuellt,,\n"  # row 6: value conflicts (warning)
    )
    records, findings = both(text, monkeypatch)
    assert [r.id for r in records] == ["K-1", "K-2"]
    assert records[0].name == 'A "B" C'
    assert sorted(records[0].services) == ["reklamation", "wartung"]  # 'nicht\nerfuellt': bad
    assert where(findings) == [
        (5, 8, Severity.ERROR, "csv-status"),
        (6, 4, Severity.WARNING, "csv-conflict"),
    ]
    assert records[1].value == 2.0


def test_prefix_end() -> None:
    assert prefix_end("a,b,c\n", ",", 2) == 4
    assert prefix_end('"a,1","b""x",c\n', ",", 2) == 13
    assert prefix_end("a,b\n", ",", 2) is None  # the line has one delimiter
    assert prefix_end('"a"x,b,c\n', ",", 1) is None  # text after a closing quote: csv decides
    assert prefix_end('a"b,c,d\n', ",", 1) is None  # a quote inside an unquoted cell
    assert prefix_end('"a\n', ",", 1) is None  # the quoted cell goes on in the next line


CELL = st.sampled_from(
    ["K-1", "K-2", " K-1 ", "", "Alpha", "Beta", '"Q, R"', "standard", "schluesselkunde", "x"]
)
VALUE = st.sampled_from(["", "1", "2,5", "viel", '"3"', "-1"])
DATE = st.sampled_from(["", "2026-11-20", "2026-02-30", "gestern"])
SERVICE = st.sampled_from(["reklamation", "wartung", "angebot", "unbekannt", ""])
STATUS = st.sampled_from(["erfuellt", "teilweise", "entbehrlich", "ja", "", '"a\nb"'])
DEGREE = st.sampled_from(["", "0.5", "1.5", "x"])
REASON = st.sampled_from(["", "Kunde will nicht", '"a, b"'])


@st.composite
def rows(draw: st.DrawFn) -> str:
    cust = draw(CELL.filter(lambda c: "K" in c or c == ""))
    cells = [cust, draw(CELL), draw(CELL), draw(VALUE), draw(CELL), draw(DATE)]
    cells += [draw(SERVICE), draw(STATUS), draw(DEGREE), draw(REASON)]
    shape = draw(st.sampled_from(["full", "full", "full", "short", "long", "blank"]))
    if shape == "short":
        cells = cells[: draw(st.integers(1, 9))]
    elif shape == "long":
        cells.append(draw(st.sampled_from(["", "x"])))
    elif shape == "blank":
        cells = []
    return ",".join(cells)


@settings(max_examples=300, deadline=None)
@given(st.lists(rows(), max_size=30), st.booleans(), st.booleans())
def test_fast_path_equals_row_by_row(lines: list[str], repeat: bool, crlf: bool) -> None:
    """Any mix of good, bad, quoted, short and long rows: the same records and findings."""
    if repeat:  # runs of one customer, as exports write them
        lines = [line for line in lines for _ in range(3)]
    end = "\r\n" if crlf else "\n"
    text = HEAD.replace("\n", end) + "".join(line + end for line in lines)
    with pytest.MonkeyPatch.context() as m:
        both(text, m)


def test_a_block_that_mixes_known_and_new_tails(monkeypatch: pytest.MonkeyPatch) -> None:
    """A customer's lines go at once until a tail not seen yet, a duplicate or a line of
    another customer; each of those is read on its own, at its own row."""
    text = HEAD + (
        "K-1,Eins,standard,1,,,reklamation,erfuellt,,\n"  # row 2: tail new, row by row
        "K-1,Eins,standard,1,,,wartung,erfuellt,,\n"  # row 3: tail new
        "K-2,Zwei,standard,2,,,reklamation,erfuellt,,\n"  # row 4: K-2's block begins, known
        "K-2,Zwei,standard,2,,,wartung,erfuellt,,\n"  # row 5: known
        "K-2,Zwei,standard,2,,,angebot,teilweise,0.5,\n"  # row 6: new tail, ends the block
        "K-2,Zwei,standard,2,,,wartung,erfuellt,,\n"  # row 7: known, but wartung again
        "K-2,Zwei,standard,2,,,angebot,unklar,,\n"  # row 8: unknown status, angebot again
        "K-3,Drei,standard,3,,,reklamation,erfuellt,,\n"  # row 9: known
        "K-3,Drei,standard,3,,,wartung,erfuellt,,\n"  # row 10: known
        "K-3,Drei,standard,3,,,angebot,teilweise,0.5,\n"  # row 11: known since row 6
    )
    for size in (1 << 18, 40, 7):  # one piece, and pieces cut at every few characters
        with monkeypatch.context() as m:
            m.setattr(chunks, "CHUNK", size)
            records, findings = both(text, m)
        assert where(findings) == [
            (7, 7, Severity.ERROR, "csv-duplicate"),  # wartung again, first in row 5
            (8, 7, Severity.ERROR, "csv-duplicate"),  # a row in error counts: first in row 6
            (8, 8, Severity.ERROR, "csv-status"),  # 'unklar' (column 8)
        ]
        assert "first in row 5" in findings[0].message
        assert "first in row 6" in findings[1].message
        assert [r.id for r in records] == ["K-1", "K-2", "K-3"]
        k2, k3 = records[1], records[2]
        assert {s: d.status for s, d in k2.services.items()} == {
            "reklamation": E,
            "wartung": E,
            "angebot": T,
        }
        assert k3.services == k2.services  # the same three lines: the same deliveries
        assert k3.services["angebot"].degree == 0.5


def test_lone_cr_and_a_last_line_without_line_end(monkeypatch: pytest.MonkeyPatch) -> None:
    # a lone CR ends a line (as in a text file read with newline=""): such a piece is read
    # line by line; the last line has no line end
    text = HEAD + (
        "K-1,Eins,standard,1,,,reklamation,erfuellt,,\r"
        "K-1,Eins,standard,1,,,wartung,erfuellt,,\n"
        "K-2,Zwei,standard,2,,,reklamation,erfuellt,,\n"
        "K-2,Zwei,standard,2,,,wartung,erfuellt,,"
    )
    records, findings = both(text, monkeypatch)
    assert where(findings) == []
    assert [(r.id, r.line, sorted(r.services)) for r in records] == [
        ("K-1", 2, ["reklamation", "wartung"]),
        ("K-2", 4, ["reklamation", "wartung"]),
    ]


@settings(max_examples=100, deadline=None)
@given(st.lists(rows(), max_size=30), st.booleans(), st.integers(1, 200))
def test_pieces_of_any_size_read_the_same(lines: list[str], crlf: bool, size: int) -> None:
    """Runs of one customer read in pieces of ``size`` characters: the same as row by row."""
    lines = [line for line in lines for _ in range(3)]
    end = "\r\n" if crlf else "\n"
    text = HEAD.replace("\n", end) + "".join(line + end for line in lines)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(chunks, "CHUNK", size)
        both(text, m)


@pytest.mark.parametrize("end", ["\n", "\r\n"])
def test_customers_longer_than_the_window_and_one_line_blocks(
    monkeypatch: pytest.MonkeyPatch, end: str
) -> None:
    """The window for a customer's last line is as long as the customer before (plus the
    slack): a longer customer is cut by it and goes on in the next block; a block of one
    line looks up one tail. With a slack of 1 character every longer customer is cut."""
    text = (
        HEAD
        + (
            "K-1,Eins,standard,1,,,reklamation,erfuellt,,\n"  # rows 2-4: new tails, row by row
            "K-1,Eins,standard,1,,,wartung,teilweise,0.5,\n"
            "K-1,Eins,standard,1,,,angebot,erfuellt,,\n"
            "K-2,Zwei,standard,2,,,wartung,teilweise,0.5,\n"  # row 5: a block of one line
            "K-3,Drei,standard,3,,,reklamation,erfuellt,,\n"  # rows 6-8: longer than K-2
            "K-3,Drei,standard,3,,,wartung,teilweise,0.5,\n"
            "K-3,Drei,standard,3,,,angebot,erfuellt,,\n"
            "K-3,Drei,standard,3,,,wartung,teilweise,0.5,\n"  # row 9: wartung again
            'K-4,"Vier, GmbH",standard,4,,,reklamation,erfuellt,,\n'  # rows 10-11: quoted name
            'K-4,"Vier, GmbH",standard,4,,,wartung,teilweise,0.5,\n'
        )
    ).replace("\n", end)
    for size in (1 << 18, 40, 7):
        with monkeypatch.context() as m:
            m.setattr(chunks, "CHUNK", size)
            m.setattr(prefix, "WINDOW", 8)
            m.setattr(prefix, "WINDOW_SLACK", 1)
            records, findings = both(text, m)
        assert where(findings) == [(9, 7, Severity.ERROR, "csv-duplicate")]
        assert "first in row 7" in findings[0].message
        got = [
            (r.id, r.name, r.line, {s: d.status for s, d in r.services.items()}) for r in records
        ]
        assert got == [
            ("K-1", "Eins", 2, {"reklamation": E, "wartung": T, "angebot": E}),
            ("K-2", "Zwei", 5, {"wartung": T}),
            ("K-3", "Drei", 6, {"reklamation": E, "wartung": T, "angebot": E}),
            ("K-4", "Vier, GmbH", 10, {"reklamation": E, "wartung": T}),
        ]
        assert records[1].services["wartung"] is records[2].services["wartung"]  # one lane entry
        assert records[2].services["wartung"].degree == 0.5
