"""The streamed JSON result and its worker processes: the same bytes whatever the split, the
same gates, and failures that end as internal errors without half-written output."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kundenaudit.cli.app import app
from kundenaudit.load.inputs import gather
from kundenaudit.model.catalog import Catalog
from kundenaudit.model.options import FailOn
from kundenaudit.model.record import Record
from kundenaudit.model.results import CatalogInfo, ResultDocument
from kundenaudit.render import score_json
from kundenaudit.render.score_render import ScoreFormat, ViewOptions, render
from kundenaudit.score import gate as gates
from kundenaudit.score import pipeline
from kundenaudit.score import workers as forking
from kundenaudit.score.catalogs import load_catalog
from kundenaudit.score.engine import score_customer
from kundenaudit.score.gate import Gate
from kundenaudit.score.portfolio import Accumulator
from tests.score.sums import aggregate

ROOT = Path(__file__).resolve().parents[2]
needs_fork = pytest.mark.skipif(not forking.can_fork(), reason="workers are forked on Linux only")
TODAY = dt.date(2026, 11, 27)
CATALOG, _ = load_catalog(None, TODAY)
STATUSES = ["erfuellt", "erfuellt", "teilweise", "nicht_erfuellt", "offen", "entbehrlich"]
SEGMENTS = ["standard", "schluesselkunde", "systempartner", "gelegenheitskunde"]


def write_portfolio(path: Path, n: int, seed: int = 7) -> None:
    """A long CSV of ``n`` customers of the built-in catalog, with every status, some degrees,
    exemptions (some expired) and values."""
    rng = random.Random(seed)
    rows = ["customer,segment,service,status,degree,reason,until,value"]
    for c in range(n):
        seg = SEGMENTS[c % len(SEGMENTS)]
        value = "" if c % 3 == 0 else str(1000 * (c % 17 + 1))
        for sid in CATALOG.services:
            status = rng.choice(STATUSES)
            degree = str(rng.choice([0.25, 0.75])) if status == "teilweise" and c % 2 else ""
            reason = "vertraglich" if status == "entbehrlich" else ""
            until = "2026-01-31" if status == "entbehrlich" and c % 5 == 0 else ""
            rows.append(f"K-{c:05d},{seg},{sid},{status},{degree},{reason},{until},{value}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def records_of(path: Path) -> list[Record]:
    return gather([str(path)], CATALOG, None, None, False).records


def new_gate() -> Gate:
    return Gate(fail_on=FailOn.GELB, fail_under=90.0)


def test_the_scoring_takes_its_options_by_keyword() -> None:
    # gate, progress, jobs and min_part: a positional call could give the jobs as the gate
    with pytest.raises(TypeError, match="positional"):
        pipeline.Scoring(pipeline.Job(CATALOG, TODAY), [], new_gate())  # type: ignore[call-arg]


def document_text(records: list[Record], jobs: int, min_part: int) -> tuple[str, Gate]:
    """The JSON result through the pipeline, and the gate that saw its customers."""
    gate = new_gate()
    run = pipeline.Scoring(
        pipeline.Job(CATALOG, TODAY), records, gate=gate, jobs=jobs, min_part=min_part
    )
    chunks = render(ScoreFormat.JSON, run, ViewOptions())
    text = "".join(c if isinstance(c, str) else c.decode("utf-8") for c in chunks)
    return text, gate


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> list[Record]:
    path = tmp_path_factory.mktemp("parallel") / "portfolio.csv"
    write_portfolio(path, 120)
    return records_of(path)


def test_generated_portfolio_covers_what_the_sums_must_handle(records: list[Record]) -> None:
    scores = [score_customer(CATALOG, r, TODAY) for r in records]
    assert {s.status.value for s in scores} >= {"rot", "gelb"}
    assert any(s.expired for s in scores) and any(s.exempt for s in scores)
    assert any(g.degree not in (0.0, 0.5) for s in scores for g in s.gaps)
    assert any(s.value is None for s in scores) and any(s.value for s in scores)


@pytest.mark.parametrize(("jobs", "min_part"), [(2, 1), (3, 1), (3, 50), (4, 30), (2, 10_000)])
def test_any_split_gives_the_bytes_of_one_pass(
    records: list[Record], jobs: int, min_part: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gates, "SHOWN", 1000)  # every failing customer kept by name
    scores = [score_customer(CATALOG, r, TODAY) for r in records]
    spec = CATALOG.spec
    doc = ResultDocument(
        kundenaudit=1,
        catalog=CatalogInfo(spec.name, spec.source, spec.version),
        today=TODAY,
        customers=scores,
        portfolio=aggregate(CATALOG, scores),
    )
    expected = "".join(score_json.render(doc))
    one_pass = new_gate()
    for s in scores:
        one_pass.check(s)
    assert 0 < one_pass.failed < len(scores)  # the gate sees some fail, not all
    text, gate = document_text(records, jobs, min_part)
    assert text == expected
    assert gate == one_pass
    assert len(json.loads(text)["customers"]) == len(records)


@needs_fork
def test_parts_whose_worker_cannot_start_are_scored_in_turn(
    records: list[Record], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = document_text(records, 1, 1)
    real_start = forking.start
    started = []

    def start_every_other(work):  # type: ignore[no-untyped-def]
        started.append(work)
        if len(started) % 2:
            raise OSError("fork: resource temporarily unavailable")
        return real_start(work)

    monkeypatch.setattr(forking, "start", start_every_other)
    assert document_text(records, 5, 1) == expected
    assert len(started) == 4  # one try per part after the first


@pytest.mark.parametrize(
    ("n", "jobs", "min_part", "sizes"),
    [
        (10_000, 2, 2000, [5000, 5000]),
        (10_001, 2, 2000, [5000, 5001]),
        (3999, 2, 2000, [3999]),  # a second part would be smaller than min_part
        (4000, 8, 2000, [2000, 2000]),
        (10, 3, 1, [3, 3, 4]),
        (0, 4, 1, [0]),
        (5, 1, 1, [5]),
    ],
)
def test_parts_are_contiguous_and_large_enough(
    n: int, jobs: int, min_part: int, sizes: list[int]
) -> None:
    parts = pipeline.plan_parts(n, jobs, min_part)
    assert [len(p) for p in parts] == sizes
    assert [i for p in parts for i in p] == list(range(n))


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(0, 119), max_size=4))
def test_sums_merged_from_any_parts_equal_one_pass(records: list[Record], cuts: list[int]) -> None:
    scores = [score_customer(CATALOG, r, TODAY) for r in records]
    bounds = [0, *sorted(cuts), len(scores)]
    merged = Accumulator()
    for lo, hi in itertools.pairwise(bounds):
        part = Accumulator()
        for s in scores[lo:hi]:
            part.add(s)
        merged.merge(part)
    assert merged.result(CATALOG) == aggregate(CATALOG, scores)


def run_cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "kundenaudit", "score", *args, "--today", "2026-11-27"],
        capture_output=True,
        cwd=ROOT,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )


def test_cli_output_is_the_same_with_and_without_workers(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    write_portfolio(path, 2 * pipeline.MIN_PART + 10)
    one = run_cli(str(path), "--format", "json", "--jobs", "1")
    two = run_cli(str(path), "--format", "json", "--jobs", "2")
    assert (one.returncode, one.stderr) == (0, b"")
    assert (two.returncode, two.stderr) == (0, b"")
    assert two.stdout == one.stdout
    to_file = run_cli(str(path), "-o", str(tmp_path / "out.json"), "--jobs", "2")
    assert to_file.returncode == 0
    assert (tmp_path / "out.json").read_bytes() == one.stdout
    data = json.loads(one.stdout)
    assert data["portfolio"]["customers"] == 2 * pipeline.MIN_PART + 10


def test_gates_see_customers_after_the_reader_stopped(tmp_path: Path) -> None:
    one = "kundenaudit: 1\ncustomer: {{id: {id}, segment: standard}}\nservices: {{{services}}}\n"
    good = "reklamation: erfuellt, angebot: erfuellt"
    bad = "reklamation: erfuellt, angebot: nicht_erfuellt"
    (tmp_path / "good.yaml").write_text(one.format(id="G", services=good), encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(one.format(id="B", services=bad), encoding="utf-8")
    indexes = {}
    for name in ("good", "bad"):
        out = run_cli(str(tmp_path / f"{name}.yaml"), "--format", "json")
        indexes[name] = json.loads(out.stdout)["customers"][0]["index"]
    assert indexes["bad"] < indexes["good"]
    threshold = f"{(indexes['good'] + indexes['bad']) / 2:.1f}"
    docs = [one.format(id=f"K-{n:04d}", services=good) for n in range(600)]
    docs.append(one.format(id="K-LAST", services=bad))  # the only one below the threshold
    (tmp_path / "many.yaml").write_text("---\n".join(docs), encoding="utf-8")
    for gate, expected in (([], 0), (["--fail-under", threshold], 1)):
        cmd = [sys.executable, "-m", "kundenaudit", "score", str(tmp_path / "many.yaml")]
        proc = subprocess.Popen(
            [*cmd, "--format", "json", "--today", "2026-11-27", *gate],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
        )
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.read(100)  # far more than a pipe buffer follows; stop reading
        proc.stdout.close()
        assert proc.wait() == expected
        err = proc.stderr.read()
        if gate:  # every customer was seen, the last one too
            assert err.startswith(b"kundenaudit: gate failed: 1 customer(s)\n  K-LAST: index ")
        else:
            assert err == b""


@needs_fork
def test_a_failing_worker_is_an_internal_error_and_writes_nothing(
    records: list[Record], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.csv"
    write_portfolio(path, 40)
    real = score_customer
    parent = os.getpid()

    def flaky(cat: Catalog, rec: Record, today: dt.date, segment: str | None = None):  # type: ignore[no-untyped-def]
        if os.getpid() != parent and rec.id == "K-00039":
            raise RuntimeError("boom in a worker")
        return real(cat, rec, today, segment)

    monkeypatch.setattr(pipeline, "score_customer", flaky)
    monkeypatch.setattr(pipeline, "MIN_PART", 5)  # parts of 200+ rows: 40 x 19 rows split in two
    target = tmp_path / "out.json"
    result = CliRunner().invoke(app, ["score", str(path), "-o", str(target), "--jobs", "2"])
    assert result.exit_code == 3
    assert "internal error" in result.stderr
    assert "worker process failed" in result.stderr
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [path]  # no temp file left either


@needs_fork
def test_a_worker_that_dies_without_a_result_is_reported() -> None:
    worker = forking.start(lambda spool: os._exit(5))
    try:
        with pytest.raises(forking.WorkerError, match="without a result"):
            forking.finish(worker)
    finally:
        forking.stop(worker)


@needs_fork
def test_a_worker_result_and_its_spool_come_back() -> None:
    def work(spool: IO[bytes]) -> dict[str, int]:
        spool.write("Größe\n".encode())
        return {"n": 42}

    worker = forking.start(work)
    try:
        assert forking.finish(worker) == {"n": 42}
        assert worker.spool.read() == "Größe\n".encode()
    finally:
        forking.stop(worker)


@needs_fork
def test_stop_ends_a_worker_that_still_runs() -> None:
    worker = forking.start(lambda spool: time.sleep(60))
    started = time.monotonic()
    forking.stop(worker)
    assert time.monotonic() - started < 10
    with pytest.raises(ChildProcessError):
        os.waitpid(worker.pid, os.WNOHANG)  # already reaped: no zombie left behind


@needs_fork
def test_a_failed_fork_leaves_no_open_files(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise OSError("fork: resource temporarily unavailable")

    before = len(os.listdir("/proc/self/fd"))
    monkeypatch.setattr(os, "fork", no_fork)
    with pytest.raises(OSError, match="resource"):
        forking.start(lambda spool: None)
    assert len(os.listdir("/proc/self/fd")) == before


@pytest.mark.parametrize(
    ("sizes", "jobs", "min_rows", "parts"),
    [
        ([989] * 1000, 2, 80_000, [500, 500]),  # few customers of many services: split
        ([40] * 1999, 2, 80_000, [1999]),  # 79,960 rows: one part
        ([40] * 4000, 2, 80_000, [2000, 2000]),
        ([10, 10, 10, 70], 2, 1, [3, 1]),  # 30 | 70: the cut falls before the large one
        ([100, 1, 1, 1], 3, 1, [4]),  # no cut before the 34th and 68th row: one part
        ([], 4, 1, [0]),
    ],
)
def test_parts_count_rows(sizes: list[int], jobs: int, min_rows: int, parts: list[int]) -> None:
    got = pipeline.plan_rows(sizes, jobs, min_rows)
    assert [len(p) for p in got] == parts
    assert [i for p in got for i in p] == list(range(len(sizes)))
