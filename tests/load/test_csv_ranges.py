"""Byte ranges of a CSV file read line by line (load/csv/ranges.py): the lines are those of
``open(path, newline="")`` over the same bytes, whatever the size of the pieces decoded at a
time, and quotes are counted right however many a file holds."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kundenaudit.load.csv import ranges
from kundenaudit.load.csv.ranges import range_lines

HEADER = "customer,service,status\n"


def text_lines(path: Path, start: int, stop: int | None) -> list[str]:
    """What a text file gives over the same bytes: the header, then the lines of the range."""
    data = path.read_bytes()
    body = data[start : len(data) if stop is None else stop]
    with open(path, encoding="utf-8-sig", newline="") as f:
        header = f.readline()
    tmp = path.with_suffix(".part")
    tmp.write_bytes(body)
    with open(tmp, encoding="utf-8", newline="") as f:
        return [header, *f]


BODY = st.lists(
    st.sampled_from(["K-1,a,b", "K-2,ä,€", '"x\ny",z', "", "K-3,\r", "K-4", "\r", "\n"]),
    max_size=30,
)


@settings(max_examples=100, deadline=None)
@given(BODY, st.sampled_from(["\n", "\r\n"]), st.integers(1, 40), st.booleans())
def test_lines_of_a_range_are_those_of_a_text_file(
    cells: list[str], end: str, piece: int, bom: bool
) -> None:
    body = "".join(c + end for c in cells)
    data = (("\ufeff" if bom else "") + HEADER + body).encode("utf-8")
    with pytest.MonkeyPatch.context() as m:
        m.setattr(ranges, "PIECE", piece)  # pieces of a few bytes: every cut is tried
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "a.csv"
            path.write_bytes(data)
            head = len(HEADER.encode()) + (3 if bom else 0)
            # a cut at every LF after the header, and the whole body
            cuts = [i + 1 for i in range(head, len(data)) if data[i : i + 1] == b"\n"]
            for cut in cuts[:5]:
                first = list(range_lines(path, 0, cut))
                assert first == text_lines(path, head, cut)
                assert list(range_lines(path, cut, None)) == text_lines(path, cut, None)
            assert list(range_lines(path, 0, None)) == text_lines(path, head, None)


def test_text_that_is_not_utf8_raises(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(HEADER.encode() + b"K-1,\xff,erfuellt\n")
    with pytest.raises(UnicodeDecodeError):
        list(range_lines(path, 0, None))


@pytest.mark.parametrize(
    ("body", "count"),
    [
        (b"", 0),
        (b"no quotes here\n" * 100, 0),
        (b'K-1,"a, b",c\n' * 10, 20),  # sparse: found one by one
        (b'"' * 1000, 1000),  # dense: counted after the first few
        (b'x"' + b"y" * 300 + b'"""', 4),
    ],
)
def test_quotes_are_counted(body: bytes, count: int) -> None:
    assert ranges._quotes(body) == count


def test_a_range_cut_inside_a_customer_reads_its_lines(tmp_path: Path) -> None:
    """The halves of a file cut between two lines of one customer: each half gives the
    records of its own lines, as the same lines in a file of their own do."""
    import datetime as dt

    from kundenaudit.load.csv.reader import parse_csv
    from kundenaudit.load.csv.stream import stream_csv_lines
    from kundenaudit.score.catalogs import load_catalog

    cat = load_catalog(None, dt.date(2026, 11, 27))[0]
    head = "customer,name,segment,service,status\n"
    body = [
        "K-1,Eins,standard,reklamation,erfuellt\n",
        "K-1,Eins,standard,wartung,teilweise\n",
        "K-1,Eins,standard,angebot,erfuellt\n",  # the cut is before this line
        "K-2,Zwei,standard,reklamation,erfuellt\n",
    ]
    path = tmp_path / "a.csv"
    path.write_text(head + "".join(body), encoding="utf-8")
    cut = len((head + body[0] + body[1]).encode())
    halves: list[tuple[int, int | None, list[str]]] = [(0, cut, body[:2]), (cut, None, body[2:])]
    for start, stop, lines in halves:
        got: list[object] = []

        def half(a: int = start, b: int | None = stop) -> Iterator[str]:
            return range_lines(path, a, b)

        findings = stream_csv_lines(half, "a.csv", cat, None, None, got.append)
        alone = parse_csv(head + "".join(lines), "a.csv", cat, None, None)
        assert (got, findings) == alone
    # K-1's first two services in the first half, its third with K-2 in the second
    first = parse_csv(head + "".join(body[:2]), "a.csv", cat, None, None)[0]
    assert [(r.id, sorted(r.services)) for r in first] == [("K-1", ["reklamation", "wartung"])]


def test_pieces_after_a_header_over_two_lines(tmp_path: Path) -> None:
    # the header's quoted cell spans two lines: the pieces go on after the lines given
    import datetime as dt

    from kundenaudit.load.csv.reader import parse_csv
    from kundenaudit.load.csv.stream import stream_csv_lines
    from kundenaudit.score.catalogs import load_catalog

    cat = load_catalog(None, dt.date(2026, 11, 27))[0]
    text = 'customer,name,segment,service,status,"not\nused"\n' + (
        "K-1,Eins,standard,reklamation,erfuellt,\nK-1,Eins,standard,wartung,erfuellt,\n"
    )
    path = tmp_path / "a.csv"
    path.write_text(text, encoding="utf-8")
    got: list[object] = []
    findings = stream_csv_lines(
        lambda: range_lines(path, 0, None), "a.csv", cat, None, None, got.append
    )
    records, expected = parse_csv(text, "a.csv", cat, None, None)
    assert (got, findings) == (records, expected)
    assert [sorted(r.services) for r in records] == [["reklamation", "wartung"]]
