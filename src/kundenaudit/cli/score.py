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
from kundenaudit.score.catalogs import load_catalog


@dataclass(frozen=True)
class ScoreOptions:
    """Options of `score` beyond the inputs."""

    catalog: Path | None = None
    segment: str | None = None  # of customers whose record names none
    as_segment: str | None = None  # every customer scored as if in this segment (what-if)
    customers: tuple[str, ...] = ()  # only these customer ids (glob patterns)
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


def run(inputs: list[str], o: ScoreOptions) -> int:
    """Score every input; the exit code reflects the gates."""
    with bulk_allocation():
        return _run(inputs, o)


def _run(inputs: list[str], o: ScoreOptions) -> int:
    from kundenaudit.load.inputs import gather, select  # noqa: PLC0415 - lazy imports keep --help fast
    from kundenaudit.render.score_render import render  # noqa: PLC0415
    from kundenaudit.score.portfolio import aggregate  # noqa: PLC0415

    today = o.today or dt.date.today()
    cat, _ = load_catalog(o.catalog, today)
    for flag, seg in (("--segment", o.segment), ("--as-segment", o.as_segment)):
        if seg is not None and seg not in cat.segments:
            raise UsageError(f"{flag}: unknown segment '{seg}'{did_you_mean(seg, cat.segments)}")
    mapping = load_mapping(o.mapping).mapping if o.mapping else None
    lang = o.lang or Lang(cat.spec.language)
    fmt = choose_format(o.fmt, o.output)
    # JSON is written while it is scored; a bar beside it would garble a terminal's output
    show_bar = fmt is not Format.JSON or o.output is not None or not sys.stdout.isatty()
    with Bar(lang=lang, enabled=None if show_bar else False) as bar:
        gathered = gather(inputs, cat, mapping, o.segment or o.as_segment, o.strict, bar)
        paths = _input_paths(gathered.read, o)  # -o must replace none of them
        bar.close()
        for finding in gathered.findings:
            warn(finding.format())
        gathered.records = select(gathered.records, list(o.customers))
        if o.as_segment is not None:
            warn(f"kundenaudit: every customer scored as segment '{o.as_segment}' (--as-segment)")
        if fmt is Format.JSON:
            return _stream_json(cat, gathered.records, today, o, bar, paths)
        scores = _score_all(cat, gathered.records, today, o.as_segment, bar)
    spec = cat.spec
    info = CatalogInfo(spec.name, spec.source, spec.version)
    doc = ResultDocument(RESULT_VERSION, info, today, scores, aggregate(cat, scores))
    write_output(render(fmt, doc, _view(o, lang)), o.output, paths)
    return gate([(s.status, s.index) for s in scores], o.fail_on, o.fail_under)


def _stream_json(
    cat: Catalog,
    records: list[Record],
    today: dt.date,
    o: ScoreOptions,
    bar: Bar,
    paths: list[Path],
) -> int:
    from kundenaudit.cli import score_stream as scorestream  # noqa: PLC0415
    from kundenaudit.score import workers as forking  # noqa: PLC0415

    verdicts: list[scorestream.Verdict] = []
    job = scorestream.Job(cat, today, o.as_segment)
    chunks = scorestream.document(job, records, verdicts, o.jobs or forking.cpus(), bar)
    try:
        write_output(chunks, o.output, paths)
        for _ in chunks:  # the reader stopped early (| head): the gates still see every customer
            pass
    finally:
        chunks.close()  # on an error: stop the worker processes now
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


def _input_paths(read: list[Path], o: ScoreOptions) -> list[Path]:
    extra = [p for p in (o.catalog, o.mapping) if p is not None]
    return read + extra


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
