"""The `score` command: load, score, aggregate, render, write, and the gates' exit code."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from kundenaudit.cli.commands import choose_format
from kundenaudit.cli.goal_gate import report_goal_misses
from kundenaudit.cli.output import write_output
from kundenaudit.cli.progress import Bar
from kundenaudit.cli.state import color_wanted, warn
from kundenaudit.load.documents import load_mapping
from kundenaudit.model.catalog import Catalog
from kundenaudit.model.errors import UsageError
from kundenaudit.model.i18n import Lang
from kundenaudit.model.options import FailOn, SortKey
from kundenaudit.model.suggest import did_you_mean
from kundenaudit.model.text import visible
from kundenaudit.model.vocabulary import Level
from kundenaudit.render import suffix_map
from kundenaudit.render.score_render import RENDERERS, ScoreFormat, ViewOptions
from kundenaudit.score.catalogs import load_catalog_for
from kundenaudit.score.gate import Gate
from kundenaudit.score.rules import rounded


@dataclass(frozen=True, kw_only=True, eq=False)
class ScoreOptions:
    """Options of `score` beyond the inputs."""

    catalog: Path | None = None
    segment: str | None = None  # of customers whose record names none
    as_segment: str | None = None  # every customer scored as if in this segment (what-if)
    customers: tuple[str, ...] = ()  # only these customer ids (glob patterns)
    mapping: Path | None = None
    sheet: str | None = None  # sheet of .xlsx inputs; None: the first visible one
    fmt: ScoreFormat | None = None
    output: Path | None = None
    lang: Lang | None = None
    today: dt.date | None = None
    fail_on: FailOn | None = None
    fail_under: float | None = None
    no_color: bool = False
    csv_delimiter: str = ","
    strict: bool = False
    detail: bool = False
    sort: SortKey | None = None  # None: by status; JSON keeps the input order
    top: int | None = None
    levels: tuple[Level, ...] = ()  # gap tables: only these effective levels
    categories: tuple[str, ...] = ()  # gap tables: only these catalog categories
    jobs: int | None = None  # worker processes for JSON; None: one per CPU
    snapshot: Path | None = None  # also write an audit snapshot there (SPEC §2.4)
    fail_on_goal: bool = False  # exit 1 when a metric goal is verfehlt or ueberfaellig


def run(inputs: list[str], o: ScoreOptions) -> int:
    """Score every input; the exit code reflects the gates."""
    with bulk_allocation():
        return _run(inputs, o)


def _run(inputs: list[str], o: ScoreOptions) -> int:
    from kundenaudit.cli import snapshot_out  # noqa: PLC0415 - lazy imports keep --help fast
    from kundenaudit.cli.score_load import load_run  # noqa: PLC0415
    from kundenaudit.score.pipeline import Job  # noqa: PLC0415

    today = o.today or snapshot_out.snapshot_today(inputs) or dt.date.today()
    cat, source = load_catalog_for(o.catalog, inputs, today)
    for flag, seg in (("--segment", o.segment), ("--as-segment", o.as_segment)):
        if seg is not None and seg not in cat.segments:
            raise UsageError(f"{flag}: unknown segment '{seg}'{did_you_mean(seg, cat.segments)}")
    mapping = load_mapping(o.mapping).mapping if o.mapping else None
    lang = o.lang or Lang(cat.language)
    fmt = choose_format(
        "score", o.fmt, o.output, suffix_map(RENDERERS), ScoreFormat.MARKDOWN, ScoreFormat.TABLE
    )
    renderer = RENDERERS[fmt]
    if renderer.binary and o.output is None and sys.stdout.isatty():
        raise UsageError(f"--format {fmt.value} writes a file, not text: add -o FILE.{fmt.value}")
    o = replace(o, categories=_view_notes(o, fmt, cat))
    snapshot_out.check_targets(o.output, o.snapshot, _input_paths([Path(i) for i in inputs], o))
    # a streamed result is written while it is scored: a bar beside it would garble a terminal
    show_bar = not renderer.streams or o.output is not None or not sys.stdout.isatty()
    with Bar(lang=lang, enabled=None if show_bar else False) as bar:
        run, gathered = load_run(inputs, o, Job(cat, today, o.as_segment), mapping, renderer, bar)
        paths = _input_paths(gathered.read, o)  # every file read: -o replaces none of them
        if o.as_segment is not None:
            warn(f"kundenaudit: every customer scored as segment '{o.as_segment}' (--as-segment)")
        snap = snapshot_out.Snapshot(
            target=o.snapshot,
            catalog=cat,
            source=source,
            gathered=gathered,
            today=today,
            segment=o.as_segment,
            paths=paths,
        )
        gate = run.gate
        view = _view(o, lang)
        if fmt is ScoreFormat.HTML:
            from kundenaudit.cli.report import report_meta  # noqa: PLC0415 - only for HTML

            view = replace(view, report=report_meta(source, o.mapping, gathered))
        chunks = iter(renderer.render(run, view))
        bar.pause()  # a collecting renderer is done; a streaming one has yet to begin
        kept = snap.keep(fmt, chunks)
        try:
            write_output(kept, o.output, paths)
            for _ in kept:  # the reader stopped early (| head): the gates still see everyone
                pass
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                close()  # on an error: stop the worker processes now
        run.finish()
    snap.write(run)
    for line in gate_report(gate):
        warn(line)
    report_goal_misses(gate)
    return gate.return_code


def gate_report(gate: Gate) -> list[str]:
    """Which customers failed a gate and why: the first few by name, then a count."""
    if not gate.failed:
        return []
    on = f"--fail-on {gate.fail_on.value}" if gate.fail_on else ""
    under = f"below {gate.fail_under:g} (--fail-under)" if gate.fail_under is not None else ""
    lines = [f"kundenaudit: gate failed: {gate.failed} customer(s)"]
    for f in gate.failures:
        why = [f"{f.status.value} ({on})"] if f.by_status else []
        if f.by_index and f.index is not None:
            why.append(f"index {rounded(f.index, 1):.1f} {under}")
        lines.append(f"  {visible(f.customer)}: {', '.join(why)}")
    if gate.failed > len(gate.failures):
        lines.append(f"  ... and {gate.failed - len(gate.failures)} more")
    return lines


def _view(o: ScoreOptions, lang: Lang) -> ViewOptions:
    to_tty = o.output is None and sys.stdout.isatty()
    return ViewOptions(
        lang=lang,
        color=o.output is None and color_wanted(sys.stdout, o.no_color),
        width=shutil.get_terminal_size().columns if to_tty else None,
        delimiter=o.csv_delimiter,
        top=o.top,
        detail=o.detail,
        sort=o.sort or SortKey.STATUS,
        levels=o.levels,
        categories=o.categories,
    )


def _view_notes(o: ScoreOptions, fmt: ScoreFormat, cat: Catalog) -> tuple[str, ...]:
    """Say where options of the human formats do not apply; refuse an unknown category.
    Returns the ``--category`` values as the catalog spells them."""
    renderer = RENDERERS[fmt]
    if not renderer.orders and (o.sort is not None or o.top is not None):
        warn(
            f"kundenaudit: note: {fmt.value} holds every customer in input order; "
            "--sort and --top apply to the other formats"
        )
    categories = check_categories(o.categories, cat)
    if not renderer.narrows and (o.levels or o.categories):
        warn(
            f"kundenaudit: note: {fmt.value} holds every gap; "
            "--level and --category narrow the gap tables of table and markdown"
        )
    return categories


def check_categories(wanted: tuple[str, ...], cat: Catalog) -> tuple[str, ...]:
    """Every ``--category`` names a category of the catalog (in any case): as it spells it."""
    known = sorted({s.category for s in cat.services.values() if s.category})
    lowered = {k.casefold(): k for k in known}
    for name in wanted:
        if name.casefold() not in lowered:
            hint = did_you_mean(name, known) or (f"; known: {', '.join(known)}" if known else "")
            raise UsageError(visible(f"--category: the catalog has no category '{name}'{hint}"))
    return tuple(dict.fromkeys(lowered[name.casefold()] for name in wanted))


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


def _input_paths(read: list[Path], o: ScoreOptions) -> list[Path]:
    extra = [p for p in (o.catalog, o.mapping) if p is not None]
    return read + extra
