"""Loading the inputs of `score` into a scoring run: gathered whole, or scored while they are
read (JSON and JSON Lines, when that keeps memory flat); the load's warnings, --customer."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from kundenaudit.cli.state import warn
from kundenaudit.score.gate import Gate

if TYPE_CHECKING:

    from kundenaudit.cli.progress import Bar
    from kundenaudit.cli.score import ScoreOptions
    from kundenaudit.load.csv.stream import Emit
    from kundenaudit.load.inputs import Gathered
    from kundenaudit.load.selection import Chooser
    from kundenaudit.model.errors import Finding
    from kundenaudit.model.mapping_file import MappingSpec
    from kundenaudit.model.record import Record
    from kundenaudit.render.score_render import Renderer
    from kundenaudit.score.pipeline import EncoderFactory, Job, Scoring


def load_run(
    inputs: list[str],
    o: ScoreOptions,
    job: Job,
    mapping: MappingSpec | None,
    renderer: Renderer,
    bar: Bar,
) -> tuple[Scoring, Gathered]:
    """The scoring run of the chosen customers and what the load found (warned here).

    JSON and JSON Lines are scored while the inputs are read: one CSV file of SPLIT_BYTES or
    more with several jobs by two processes, a half each, when the file allows it
    (score/split.py); with one job, or inputs of STREAM_BYTES or more that cannot be read in
    halves, by this process (score/streamed.py). Either way memory stays flat: the portfolio
    sums are a few floats each and a half keeps 8 bytes per customer. Otherwise, or when
    customers are spread over a CSV file, the inputs are loaded whole and then scored, split
    over the jobs."""
    from kundenaudit.load.inputs import gather  # noqa: PLC0415
    from kundenaudit.load.selection import Chooser  # noqa: PLC0415
    from kundenaudit.score import workers  # noqa: PLC0415
    from kundenaudit.score.pipeline import Scoring  # noqa: PLC0415

    jobs, fallback = o.jobs or workers.cpus(), o.segment or o.as_segment
    chooser = Chooser(list(o.customers))
    prepared = None
    if renderer.many is not None and o.snapshot is None:
        split_file = _split_file(inputs, jobs, o)
        if split_file is not None:
            prepared = _halves(split_file, o, job, mapping, renderer.many, bar)
        if prepared is None and _stream(inputs, jobs):
            prepared = _score_while_reading(inputs, o, job, mapping, renderer.many, bar, chooser)
    if prepared is None:  # a format that needs every scorecard, or customers spread
        chooser = Chooser(list(o.customers))
        gathered = gather(inputs, job.cat, mapping, fallback, o.strict, bar, o.sheet)
        gathered.records = [r for r in gathered.records if chooser.wants(r)]
        gate = Gate(fail_on=o.fail_on, fail_under=o.fail_under, fail_on_goal=o.fail_on_goal)
        prepared = Scoring(job, gathered.records, gate=gate, progress=bar, jobs=jobs), gathered
    bar.close()
    for finding in prepared[1].findings:
        warn(finding.format())
    chooser.check()
    return prepared


def _score_while_reading(
    inputs: list[str],
    o: ScoreOptions,
    job: Job,
    mapping: MappingSpec | None,
    encoder: EncoderFactory,
    bar: Bar,
    chooser: Chooser,
) -> tuple[Scoring, Gathered] | None:
    from kundenaudit.load.stream import stream_inputs  # noqa: PLC0415
    from kundenaudit.render.score_json import READABLE_LIMIT  # noqa: PLC0415
    from kundenaudit.score import streamed, workers  # noqa: PLC0415

    loaded: list[Gathered] = []

    def load(emit: Emit) -> list[Finding]:
        def chosen(rec: Record) -> None:
            if chooser.wants(rec):
                emit(rec)

        fallback = o.segment or o.as_segment
        got = stream_inputs(inputs, job.cat, mapping, fallback, chosen, o.strict, bar, o.sheet)
        loaded.append(got)
        return got.findings

    gate = Gate(fail_on=o.fail_on, fail_under=o.fail_under, fail_on_goal=o.fail_on_goal)
    run = streamed.score_while_reading(
        job, load, encoder, gate, bar, o.jobs or workers.cpus(), READABLE_LIMIT
    )
    return None if run is None else (run[0], loaded[0])


def _halves(
    path: Path,
    o: ScoreOptions,
    job: Job,
    mapping: MappingSpec | None,
    encoder: EncoderFactory,
    bar: Bar,
) -> tuple[Scoring, Gathered] | None:
    from kundenaudit.load.documents import check_readable, display_path  # noqa: PLC0415
    from kundenaudit.load.inputs import Gathered, table_mapping  # noqa: PLC0415
    from kundenaudit.render.score_json import READABLE_LIMIT  # noqa: PLC0415
    from kundenaudit.score import split  # noqa: PLC0415

    check_readable(path)  # what gather would say of the file
    loaded = Gathered(read=[path])
    found = table_mapping(path, mapping, loaded)
    bar.pause()  # no drawing thread may run while forking
    load = split.Loading(display_path(path), found, o.segment or o.as_segment)
    gate = Gate(fail_on=o.fail_on, fail_under=o.fail_under, fail_on_goal=o.fail_on_goal)
    run = split.score_halves(job, path, load, encoder, gate, READABLE_LIMIT)
    return None if run is None else (run, loaded)


SPLIT_BYTES = 8 << 20  # one CSV file this large or larger is read in two halves
STREAM_BYTES = 64 << 20  # inputs this large are scored while read even with several jobs


def _split_file(inputs: list[str], jobs: int, o: ScoreOptions) -> Path | None:
    """The one CSV file named to be read in two halves (several jobs, no --customer)."""
    if jobs < 2 or o.customers or len(inputs) != 1 or not inputs[0].lower().endswith(".csv"):
        return None
    path = Path(inputs[0])
    with contextlib.suppress(OSError):
        if path.is_file() and path.stat().st_size >= SPLIT_BYTES:
            return path
    return None


def _stream(inputs: list[str], jobs: int) -> bool:
    """Whether to score while the inputs are read (memory stays flat, one process): with one
    job, or when the named files hold STREAM_BYTES or more and were not read in halves (held
    whole, they would fill the memory; directories and standard input are not counted)."""
    if jobs == 1:
        return True
    size = 0
    for name in inputs:
        with contextlib.suppress(OSError):
            path = Path(name)
            size += path.stat().st_size if name != "-" and path.is_file() else 0
    return size >= STREAM_BYTES
