"""Records handed on while the inputs are read (load/stream.py): the records, their order and
the findings of `gather`, each customer handed on before the rows after it are read, and a
spread customer detected."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kundenaudit.load.csv import chunks
from kundenaudit.load.csv.stream import SpreadCustomers, stream_csv_lines
from kundenaudit.load.documents import load_mapping
from kundenaudit.load.inputs import gather
from kundenaudit.load.stream import stream_inputs
from kundenaudit.model.catalog import Catalog
from kundenaudit.model.errors import InputError, UsageError
from kundenaudit.model.mapping_file import MappingSpec
from kundenaudit.model.record import Record
from kundenaudit.score.catalogs import load_catalog

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "csv"
REALDATA = ROOT.parent / "shared" / "realdata"
TODAY = dt.date(2026, 11, 27)
BUILTIN: Catalog = load_catalog(None, TODAY)[0]


def outcome(fn: object) -> tuple[str, object]:
    """What a load gives: its records and findings, or the error it raises."""
    try:
        return "ok", fn()  # type: ignore[operator]
    except (InputError, UsageError) as exc:
        return type(exc).__name__, str(exc)


def compare(
    args: list[str],
    cat: Catalog,
    mapping: MappingSpec | None = None,
    strict: bool = False,
    segment: str | None = None,
) -> list[Record]:
    """stream_inputs gives what gather gives (or SpreadCustomers); the records."""
    whole = outcome(lambda: gather(args, cat, mapping, segment, strict))
    got: list[Record] = []
    try:
        streamed = outcome(lambda: stream_inputs(args, cat, mapping, segment, got.append, strict))
    except SpreadCustomers:
        return []
    if whole[0] == "ok":
        assert streamed[0] == "ok", streamed
        gathered, loaded = whole[1], streamed[1]
        assert got == gathered.records  # type: ignore[attr-defined]
        assert loaded.findings == gathered.findings  # type: ignore[attr-defined]
        assert loaded.read == gathered.read  # type: ignore[attr-defined]
    else:
        assert streamed == whole
    return got


@pytest.mark.parametrize(
    ("inputs", "catalog", "mapping"),
    [
        (["examples"], None, None),
        (["examples/portfolio.yaml", "examples/gruen.yaml"], None, None),  # cross-input duplicate
        (["examples/crm/kunden-export.csv"], None, None),
        (["tests/data/csv/long_basic.csv"], "tests/data/csv/catalog.yaml", None),
        (["tests/data/csv/long_errors.csv"], "tests/data/csv/catalog.yaml", None),
        (
            ["tests/data/csv/long_mapped.csv"],
            "tests/data/csv/catalog.yaml",
            "tests/data/csv/long.mapping.yaml",
        ),
        (["tests/data/csv/wide_errors.csv"], "tests/data/csv/catalog.yaml", None),
        (
            ["tests/data/csv/wide_mapped.csv"],
            "tests/data/csv/catalog.yaml",
            "tests/data/csv/wide.mapping.yaml",
        ),
        (["tests/data/csv/missing.csv"], None, None),
        (["tests/data/segments/mixed.csv", "tests/data/segments/mixed.yaml"], None, None),
    ],
)
def test_same_as_gather(
    inputs: list[str], catalog: str | None, mapping: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    cat = load_catalog(Path(catalog) if catalog else None, TODAY)[0]
    spec = load_mapping(Path(mapping)).mapping if mapping else None
    compare(inputs, cat, spec)
    compare(inputs, cat, spec, strict=True)
    compare(inputs, cat, spec, segment="standard")  # the fallback of records without one


def test_real_exports() -> None:
    if not REALDATA.is_dir():
        pytest.skip(f"no real data beside the checkout ({REALDATA})")
    cat = load_catalog(REALDATA / "telco.catalog.yaml", TODAY)[0]
    spec = load_mapping(REALDATA / "telco.mapping.yaml").mapping
    wide = compare([str(REALDATA / "telco.csv")], cat, spec)
    long = compare([str(REALDATA / "telco-long.csv")], cat)  # grouped: streamed, not refused
    assert len(wide) == len(long) == 7043


HEAD = "customer,name,segment,service,status\n"


def test_each_customer_is_handed_on_before_the_next_rows_are_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # lines are read a piece at a time (chunks.LINES from a source of lines): one line each
    monkeypatch.setattr(chunks, "LINES", 1)
    rows = [
        "K-1,Eins,standard,reklamation,erfuellt\n",
        "K-1,Eins,standard,wartung,erfuellt\n",
        "K-2,Zwei,standard,reklamation,erfuellt\n",
        "K-2,Zwei,standard,wartung,nicht_erfuellt\n",
        "K-3,Drei,standard,wartung,erfuellt\n",
    ]
    read: list[str] = []
    seen: list[tuple[str, int]] = []

    def lines() -> object:
        for line in [HEAD, *rows]:
            read.append(line)
            yield line

    def emit(rec: Record) -> None:
        seen.append((rec.id, len(read)))

    findings = stream_csv_lines(lines, "x.csv", BUILTIN, None, None, emit)  # type: ignore[arg-type]
    assert findings == []
    # K-1 when K-2's first row (line 4) is read, K-2 at K-3's (line 6), K-3 at the end
    assert seen == [("K-1", 4), ("K-2", 6), ("K-3", 6)]


def test_spread_customer_detected() -> None:
    rows = [
        "K-1,Eins,standard,reklamation,erfuellt\n",
        "K-2,Zwei,standard,reklamation,erfuellt\n",
        "K-1,Eins,standard,wartung,erfuellt\n",
    ]
    with pytest.raises(SpreadCustomers, match="customer 'K-1' appears again in row 4"):
        stream_csv_lines(lambda: iter([HEAD, *rows]), "x.csv", BUILTIN, None, None, print)


ROW = st.tuples(
    st.sampled_from(["K-1", "K-2", "K-3", " K-2", ""]),
    st.sampled_from(["Eins", "", '"Zwei, Drei"']),
    st.sampled_from(["standard", "schluesselkunde", "", "nirgends"]),
    st.sampled_from(["reklamation", "wartung", "unbekannt", ""]),
    st.sampled_from(["erfuellt", "teilweise", "ja", ""]),
)


COLUMNS = HEAD.strip().split(",")


@settings(max_examples=300, deadline=None)
@given(st.lists(ROW, max_size=20), st.booleans(), st.permutations(range(5)), st.integers(3, 5))
def test_streamed_equals_whole(
    rows: list[tuple[str, ...]], grouped: bool, order: list[int], width: int
) -> None:
    """Any rows, any column order (each fast path and the row by row one): the same records
    and findings as the whole parse, or a spread customer."""
    from kundenaudit.load.csv.reader import parse_csv_lines

    if grouped:
        rows = sorted(rows, key=lambda r: r[0].strip())
    keep = [i for i in order if i < width or COLUMNS[i] in ("customer", "service", "status")]
    text = [",".join(COLUMNS[i] for i in keep) + "\n"]
    text += [",".join(r[i] for i in keep) + "\n" for r in rows]
    records, findings = parse_csv_lines(lambda: iter(text), "x.csv", BUILTIN, None, None)
    got: list[Record] = []
    try:
        streamed = stream_csv_lines(lambda: iter(text), "x.csv", BUILTIN, None, None, got.append)
    except SpreadCustomers:
        assert not grouped
        return
    assert (got, streamed) == (records, findings)


def test_a_directory_with_a_result_csv(tmp_path: Path) -> None:
    # a CSV result of `score` found in a directory is no input, for the stream as for gather
    for name in ("kunden-export.csv", "kunden-export.mapping.yaml"):
        text = (ROOT / "examples" / "crm" / name).read_text(encoding="utf-8")
        (tmp_path / name.replace("kunden-", "")).write_text(text, encoding="utf-8")
    (tmp_path / "result.csv").write_text(
        "customer,name,status,index,next_steps\nK-1,Eins,gelb,80.0,wartung\n", encoding="utf-8"
    )
    got = compare([str(tmp_path)], BUILTIN)
    assert got and {r.source for r in got} == {str(tmp_path / "export.csv")}


def test_a_customer_in_two_inputs_starts_over_with_gather(tmp_path: Path) -> None:
    # only hashes of the ids are kept while streaming: gather reports the duplicate
    (tmp_path / "a.csv").write_text(
        "customer,segment,service,status\nK-1,standard,reklamation,erfuellt\n", encoding="utf-8"
    )
    (tmp_path / "b.csv").write_text(
        "customer,segment,service,status\nK-2,standard,angebot,offen\n"
        "K-1,standard,angebot,erfuellt\n",
        encoding="utf-8",
    )
    args = [str(tmp_path / "a.csv"), str(tmp_path / "b.csv")]
    got: list[Record] = []
    with pytest.raises(SpreadCustomers, match="K-1"):
        stream_inputs(args, BUILTIN, None, None, got.append)
    assert [r.id for r in got] == ["K-1", "K-2"]  # handed on before K-1 came again
    with pytest.raises(InputError, match=r"customer 'K-1' appears twice: also at .*a\.csv:2"):
        gather(args, BUILTIN, None, None)
