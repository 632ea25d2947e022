"""One CSV export read by two processes, a half each (score/split.py, load/csv/ranges.py): the
cut falls at a customer boundary outside quoted cells, the result is the bytes of one process,
and anything a half would report, or a customer in both halves, gives up the split."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kundenaudit.cli import score_load
from kundenaudit.cli.app import app
from kundenaudit.load.csv.ranges import cut_point, range_lines
from kundenaudit.render.score_render import RENDERERS, ScoreFormat, ViewOptions
from kundenaudit.score import split
from kundenaudit.score import workers as forking
from kundenaudit.score.catalogs import load_catalog
from kundenaudit.score.gate import Gate
from kundenaudit.score.pipeline import Job

needs_fork = pytest.mark.skipif(not forking.can_fork(), reason="workers are forked on Linux only")
TODAY = dt.date(2026, 11, 27)
CATALOG, _ = load_catalog(None, TODAY)
HEAD = "customer,name,segment,service,status,reason\n"
SERVICES = ["reklamation", "wartung", "angebot", "ersatzteile"]


def export(n: int, first: int = 0, reason: str = "") -> list[str]:
    statuses = ["erfuellt", "teilweise", "nicht_erfuellt", "offen"]
    return [
        f"K-{c:04d},Firma {c},standard,{sid},{statuses[(c + i) % 4]},{reason}\n"
        for c in range(first, first + n)
        for i, sid in enumerate(SERVICES)
    ]


def write(path: Path, lines: list[str], newline: str = "\n") -> Path:
    path.write_bytes((HEAD + "".join(lines)).replace("\n", newline).encode("utf-8"))
    return path


def test_cut_at_the_first_customer_boundary_after_the_middle(tmp_path: Path) -> None:
    lines = export(10)  # 40 rows of 4 per customer
    path = write(tmp_path / "a.csv", lines)
    data = path.read_bytes()
    cut = cut_point(path)
    assert cut is not None and cut >= len(data) // 2
    assert data[cut - 1 : cut] == b"\n"
    before = data[:cut].decode().splitlines()[-1]
    after = data[cut:].decode().splitlines()[0]
    assert before.split(",")[0] != after.split(",")[0]
    # the first half's last customer is complete: the rows before the cut are whole customers
    assert (len(data[:cut].decode().splitlines()) - 1) % 4 == 0
    halves = [list(range_lines(path, 0, cut)), list(range_lines(path, cut, None))]
    assert [h[0] for h in halves] == [HEAD, HEAD]
    assert halves[0][1:] + halves[1][1:] == lines


def test_crlf_and_quoted_cells_on_one_line_are_cut(tmp_path: Path) -> None:
    path = write(tmp_path / "b.csv", export(10, reason='"laut Vertrag, Anlage 2"'), "\r\n")
    cut = cut_point(path)
    assert cut is not None
    assert path.read_bytes()[cut - 2 : cut] == b"\r\n"


@pytest.mark.parametrize(
    "case",
    ["quoted cell over the cut", "lone CR", "one customer", "tiny"],
)
def test_no_cut(case: str, tmp_path: Path) -> None:
    if case == "quoted cell over the cut":
        lines = export(5)
        lines.insert(0, 'K-9999,"Eins\n' + "zwei\n" * 400 + 'drei",standard,wartung,erfuellt,\n')
        lines += export(1, first=5)
    elif case == "lone CR":
        lines = [line.replace("\n", "\r") for line in export(10)]
    elif case == "one customer":
        lines = [f"K-1,Eins,standard,s{i},erfuellt,\n" for i in range(50)]
    else:
        lines = []
    assert cut_point(write(tmp_path / "c.csv", lines)) is None


def one_process_text(path: Path, fmt: ScoreFormat) -> str:
    result = CliRunner().invoke(
        app, ["score", str(path), "--format", fmt.value, "--jobs", "1", "--today", "2026-11-27"]
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout


def halves_text(path: Path, fmt: ScoreFormat) -> str | None:
    encoder = RENDERERS[fmt].many
    assert encoder is not None
    load = split.Loading(str(path))
    run = split.score_halves(Job(CATALOG, TODAY), path, load, encoder, Gate(), 50)
    if run is None:
        return None
    chunks = RENDERERS[fmt].render(run, score_streaming_view())
    return "".join(c if isinstance(c, str) else c.decode("utf-8") for c in chunks)


def score_streaming_view() -> ViewOptions:
    return ViewOptions()


@needs_fork
@pytest.mark.parametrize("fmt", [ScoreFormat.JSON, ScoreFormat.JSONL])
def test_halves_give_the_bytes_of_one_process(fmt: ScoreFormat, tmp_path: Path) -> None:
    path = write(tmp_path / "p.csv", export(200, reason='"a, b"'))
    assert halves_text(path, fmt) == one_process_text(path, fmt)


@needs_fork
@pytest.mark.parametrize("case", ["warning", "error", "spread", "few"])
def test_halves_given_up(case: str, tmp_path: Path) -> None:
    lines = export(200)
    if case == "warning":  # a service the catalog lacks: warned once per file, at its row
        lines[-1] = lines[-1].replace("ersatzteile", "unbekannt")
    elif case == "error":
        lines[-1] = lines[-1].replace(",standard,", ",nirgends,")
    elif case == "spread":  # K-0000 again at the end, in the second half
        lines += ["K-0000,Firma 0,standard,kundenportal,erfuellt,\n"]
    else:
        lines = export(12)  # 12 customers: held back and scored as a whole instead
    assert halves_text(write(tmp_path / "p.csv", lines), ScoreFormat.JSON) is None


def spy_on_halves(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """What each call of split.score_halves returns (None: the halves were given up)."""
    used: list[object] = []
    real = split.score_halves

    def spy(*a: object, **k: object) -> object:
        used.append(real(*a, **k))  # type: ignore[arg-type]
        return used[-1]

    monkeypatch.setattr(split, "score_halves", spy)
    return used


@needs_fork
@pytest.mark.parametrize("stream_bytes", [1 << 40, 1])  # also a file scored while read
def test_cli_splits_a_large_file(
    stream_bytes: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "p.csv", export(200))
    expected = one_process_text(path, ScoreFormat.JSONL)
    monkeypatch.setattr(score_load, "STREAM_BYTES", stream_bytes)
    used = spy_on_halves(monkeypatch)
    monkeypatch.setattr(score_load, "SPLIT_BYTES", 1)
    result = CliRunner().invoke(
        app, ["score", str(path), "--format", "jsonl", "--jobs", "2", "--today", "2026-11-27"]
    )
    assert (result.exit_code, result.stdout) == (0, expected)
    assert used and used[0] is not None


@needs_fork
@pytest.mark.parametrize(
    ("options", "splits"),
    [
        (["--as-segment", "schluesselkunde"], True),
        (["--segment", "schluesselkunde", "--fail-on", "gelb"], True),
        (["--customer", "K-00*"], False),  # --customer: read in one piece
    ],
)
def test_cli_options_with_halves(
    options: list[str], splits: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "p.csv", export(200))
    args = ["score", str(path), "--format", "json", "--today", "2026-11-27", *options]
    expected = CliRunner().invoke(app, [*args, "--jobs", "1"])
    used = spy_on_halves(monkeypatch)
    monkeypatch.setattr(score_load, "SPLIT_BYTES", 1)
    result = CliRunner().invoke(app, [*args, "--jobs", "2"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        expected.exit_code,
        expected.stdout,
        expected.stderr,
    )
    assert (bool(used) and used[0] is not None) is splits


@needs_fork
def test_a_large_file_with_a_customer_in_both_halves_is_read_in_one_piece(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = export(200)
    lines.append(lines[0].replace("reklamation", "schulung"))  # K-0000 again, at the end
    path = write(tmp_path / "p.csv", lines)
    expected = one_process_text(path, ScoreFormat.JSON)
    customers = json.loads(expected)["customers"]
    assert [c["id"] for c in customers].count("K-0000") == 1
    assert len(customers) == 200  # the rows of K-0000 are one customer
    used = spy_on_halves(monkeypatch)
    monkeypatch.setattr(score_load, "SPLIT_BYTES", 1)
    monkeypatch.setattr(score_load, "STREAM_BYTES", 1)
    result = CliRunner().invoke(
        app, ["score", str(path), "--format", "json", "--jobs", "2", "--today", "2026-11-27"]
    )
    assert (result.exit_code, result.stdout) == (0, expected)
    assert used == [None]  # the halves were given up
