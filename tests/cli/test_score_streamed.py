"""Scoring while the inputs are read (score/streamed.py, load/stream.py): the same bytes, exit
code and messages as scoring the records loaded whole, for every streaming format, on the
examples and a generated portfolio; spread customers fall back; bad input writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from kundenaudit.cli import score_load
from kundenaudit.score import streamed
from tests.cli.runner import invoke

pytestmark = pytest.mark.usefixtures("in_root")

TODAY = ["--today", "2026-11-27"]
FORMATS = ["json", "jsonl"]


def both(monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str, int]:
    """The run streamed (--jobs 1) and loaded whole: equal; how many runs were streamed."""
    calls: list[object] = []
    real = streamed.score_while_reading

    def spy(*a: object, **k: object) -> object:
        found = real(*a, **k)  # type: ignore[arg-type]
        calls.append(found)
        return found

    monkeypatch.setattr(streamed, "score_while_reading", spy)
    got = invoke(*args, "--jobs", "1")
    monkeypatch.setattr(score_load, "_stream", lambda _inputs, _jobs: False)
    assert invoke(*args, "--jobs", "1") == got
    return (*got, sum(isinstance(c, tuple) and isinstance(c[0], streamed.Spooled) for c in calls))


def write_export(path: Path, n: int, spread: bool = False) -> None:
    """A long CSV of ``n`` customers x 4 services with a name column (grouped, or by service)."""
    statuses = ["erfuellt", "teilweise", "nicht_erfuellt", "offen", "erfuellt"]
    services = ["reklamation", "wartung", "angebot", "ersatzteile"]
    rows = [
        (f"K-{c:04d}", f"Firma {c}", "standard", sid, statuses[(c + i) % 5])
        for c in range(n)
        for i, sid in enumerate(services)
    ]
    if spread:
        rows.sort(key=lambda r: (r[3], r[0]))
    text = "customer,name,segment,service,status\n" + "".join(",".join(r) + "\n" for r in rows)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("fmt", FORMATS)
def test_examples_are_held_and_scored_as_before(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _, spooled = both(monkeypatch, "score", "examples/", "--format", fmt, *TODAY)
    assert (code, spooled) == (0, 0)  # up to 50 customers: held, then scored as a whole
    assert out


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_large_grouped_export_is_streamed(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "export.csv"
    write_export(path, 300)
    args = ("score", str(path), "--format", fmt, "--fail-on", "gelb", *TODAY)
    code, out, _, spooled = both(monkeypatch, *args)
    assert (code, spooled) == (1, 1)  # a gate failed; the run was scored while read
    lines = out.splitlines()
    # JSON: head (4 lines), 300 customer lines, tail; JSON Lines: 300 customers + portfolio
    assert len(lines) > 300 if fmt == "json" else len(lines) == 301


def test_spread_customers_fall_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "by-service.csv"
    write_export(path, 300, spread=True)
    code, out, _, spooled = both(monkeypatch, "score", str(path), "--format", "jsonl", *TODAY)
    assert (code, spooled) == (0, 0)
    assert len(out.splitlines()) == 301


def test_bad_input_after_streamed_customers_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "export.csv"
    write_export(path, 300)
    with open(path, "a", encoding="utf-8") as f:
        f.write("K-9999,Zuletzt,nirgends,wartung,erfuellt\n")  # row 1202: unknown segment
    target = tmp_path / "out.json"
    code, out, err, _ = both(monkeypatch, "score", str(path), "-o", str(target), *TODAY)
    assert (code, out) == (2, "")
    assert f"{path}:1202:3: error: unknown segment 'nirgends'" in err
    assert not target.exists()


@pytest.mark.parametrize(
    "options",
    [
        ["--customer", "K-00*", "--customer", "K-02?0"],  # 100 + 10 customers: streamed
        ["--customer", "K-0001"],  # one customer: held, scored as a scorecard
        ["--customer", "K-9*"],  # matches none: a usage error after the load
        ["--as-segment", "schluesselkunde"],
        ["--segment", "schluesselkunde"],  # every row names a segment: no change
    ],
)
def test_options_of_the_stream_as_loaded_whole(
    options: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "export.csv"
    write_export(path, 300)
    code, out, err, spooled = both(monkeypatch, "score", str(path), "-f", "jsonl", *options)
    if options[1] == "K-9*":
        assert (code, out, spooled) == (2, "", 0)
        assert "--customer K-9*: no customer matches" in err
    elif options[1] == "K-0001":
        assert (code, len(out.splitlines()), spooled) == (0, 2, 0)
    else:
        assert code == 0 and spooled == 1
        assert len(out.splitlines()) == (111 if options[0] == "--customer" else 301)


def test_o_onto_an_input_found_in_a_directory_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_export(tmp_path / "export.csv", 300)
    before = (tmp_path / "export.csv").read_bytes()
    target = str(tmp_path / "export.csv")
    code, out, err, _ = both(monkeypatch, "score", str(tmp_path), "-f", "json", "-o", target)
    assert (code, out) == (2, "")
    assert f"{target}: refusing to overwrite an input file" in err
    assert (tmp_path / "export.csv").read_bytes() == before
