"""The `score` command: load, score, aggregate, render, write, and the gates' exit code."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kundenaudit.cli.commands import choose_format
from kundenaudit.cli.output import write_output
from kundenaudit.cli.progress import Bar
from kundenaudit.cli.state import color_wanted, warn
from kundenaudit.load.documents import load_mapping
from kundenaudit.model.catalog import Catalog
from kundenaudit.model.errors import ExitCode, UsageError
from kundenaudit.model.i18n import Lang
from kundenaudit.model.options import FailOn, SortKey
from kundenaudit.model.record import Record
from kundenaudit.model.results import RESULT_VERSION, CatalogInfo, CustomerScore, ResultDocument
from kundenaudit.model.suggest import did_you_mean
from kundenaudit.model.vocabulary import Ampel
from kundenaudit.render import Format
from kundenaudit.render.score_render import ViewOptions
from kundenaudit.score.catalogs import load_catalog_for

if TYPE_CHECKING:
    from kundenaudit.cli import snapshot_out


@dataclass(frozen=True)
class ScoreOptions:
    """Options of `score` beyond the inputs."""

    catalog: Path | None = None
    segment: str | None = None
    mapping: Path | None = None
    fmt: Format | None = None
    output: Path | None = None
    lang: Lang | None = None
    today: dt.date | None = None
    fail_on: FailOn | None = None
    fail_under: float | None = None
    no_color: bool = False
    csv_delimiter: str = ","
    strict: bool = False
    detail: bool = False
    sort: SortKey = SortKey.STATUS
    top: int | None = None
    jobs: int | None = None  # worker processes for JSON; None: one per CPU
    snapshot: Path | None = None  # also write an audit snapshot there (SPEC §2.4)


def run(inputs: list[str], o: ScoreOptions) -> int:
    """Score every input; the exit code reflects the gates."""
    with bulk_allocation():
        return _run(inputs, o)


def _run(inputs: list[str], o: ScoreOptions) -> int:
    from kundenaudit.cli import snapshot_out  # noqa: PLC0415
    from kundenaudit.load.inputs import gather  # noqa: PLC0415 - lazy imports keep --help fast
    from kundenaudit.render.score_render import render  # noqa: PLC0415
    from kundenaudit.score.portfolio import aggregate  # noqa: PLC0415

    today = o.today or snapshot_out.snapshot_today(inputs) or dt.date.today()
    cat, source = load_catalog_for(o.catalog, inputs, today)
    if o.segment is not None and o.segment not in cat.segments:
        raise UsageError(f"unknown segment '{o.segment}'{did_you_mean(o.segment, cat.segments)}")
    mapping = load_mapping(o.mapping).mapping if o.mapping else None
    lang = o.lang or Lang(cat.spec.language)
    fmt = choose_format(o.fmt, o.output)
    paths = _input_paths(inputs, o)
    snapshot_out.check_targets(o.output, o.snapshot, paths)
    # JSON is written while it is scored; a bar beside it would garble a terminal's output
    show_bar = fmt is not Format.JSON or o.output is not None or not sys.stdout.isatty()
    with Bar(lang=lang, enabled=None if show_bar else False) as bar:
        gathered = gather(inputs, cat, mapping, o.segment, o.strict, bar)
        bar.close()
        for finding in gathered.findings:
            warn(finding.format())
        snap = snapshot_out.Snapshot(o.snapshot, cat, source, gathered, today, o.segment, paths)
        if fmt is Format.JSON:
            return _stream_json(cat, gathered.records, today, o, bar, snap)
        scores = _score_all(cat, gathered.records, today, o.segment, bar)
    spec = cat.spec
    info = CatalogInfo(spec.name, spec.source, spec.version)
    doc = ResultDocument(RESULT_VERSION, info, today, scores, aggregate(cat, scores))
    write_output(render(fmt, doc, _view(o, lang)), o.output, paths)
    snap.write_from(doc)
    return gate([(s.status, s.index) for s in scores], o.fail_on, o.fail_under)


def _stream_json(
    cat: Catalog,
    records: list[Record],
    today: dt.date,
    o: ScoreOptions,
    bar: Bar,
    snap: snapshot_out.Snapshot,
) -> int:
    from kundenaudit.cli import score_stream as scorestream  # noqa: PLC0415
    from kundenaudit.score import workers as forking  # noqa: PLC0415

    verdicts: list[scorestream.Verdict] = []
    job = scorestream.Job(cat, today, o.segment)
    chunks = scorestream.document(job, records, verdicts, o.jobs or forking.cpus(), bar)
    kept = snap.keep(chunks)
    try:
        write_output(kept, o.output, snap.paths)
        for _ in kept:  # the reader stopped early (| head): the gates still see every customer
            pass
    finally:
        chunks.close()  # on an error: stop the worker processes now
    snap.write_kept()
    return gate(verdicts, o.fail_on, o.fail_under)


def _view(o: ScoreOptions, lang: Lang) -> ViewOptions:
    to_tty = o.output is None and sys.stdout.isatty()
    return ViewOptions(
        lang=lang,
        color=to_tty and color_wanted(sys.stdout, o.no_color),
        width=shutil.get_terminal_size().columns if to_tty else None,
        delimiter=o.csv_delimiter,
        top=o.top,
        detail=o.detail,
        sort=o.sort,
    )


@contextlib.contextmanager
def bulk_allocation() -> Iterator[None]:
    """Pause the cyclic garbage collector while records and scores are built.

    They are hundreds of thousands of small objects without reference cycles; the collector's
    repeated passes over them cost a fifth of the run and would free nothing. Reference
    counting still frees everything else as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _score_all(
    cat: Catalog, records: list[Record], today: dt.date, segment: str | None, bar: Bar
) -> list[CustomerScore]:
    from kundenaudit.score.engine import score_customer  # noqa: PLC0415

    bar.stage("progress_score", len(records))
    scores = []
    for n, rec in enumerate(records, 1):
        scores.append(score_customer(cat, rec, today, segment))
        if n % 500 == 0:
            bar.advance(500)
    return scores


def _input_paths(inputs: list[str], o: ScoreOptions) -> list[Path]:
    extra = [p for p in (o.catalog, o.mapping) if p is not None]
    return [Path(i) for i in inputs] + extra


def gate(
    verdicts: list[tuple[Ampel, float | None]], fail_on: FailOn | None, fail_under: float | None
) -> int:
    """1 when a gate fails: an Ampel at or below ``fail_on``, or a printed index below N.

    ``verdicts`` holds each customer's Ampel and index."""
    failing = {FailOn.ROT: {Ampel.ROT}, FailOn.GELB: {Ampel.ROT, Ampel.GELB}}
    if fail_on is not None and any(status in failing[fail_on] for status, _ in verdicts):
        return ExitCode.FINDINGS
    if fail_under is not None and any(
        index is not None and round(index, 1) < fail_under for _, index in verdicts
    ):
        return ExitCode.FINDINGS
    return ExitCode.OK
