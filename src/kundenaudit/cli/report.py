"""The `report` command: load, score, render the consultant's report, write it."""

from __future__ import annotations

import datetime as dt
import fnmatch
import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

from kundenaudit import __version__
from kundenaudit.cli.output import write_output
from kundenaudit.cli.progress import Bar
from kundenaudit.cli.snapshot_out import snapshot_today
from kundenaudit.cli.state import warn
from kundenaudit.load.documents import display_path, load_mapping, read_bytes
from kundenaudit.load.inputs import MAPPING_SUFFIX, Gathered
from kundenaudit.model.catalog import Catalog
from kundenaudit.model.errors import Finding, UsageError
from kundenaudit.model.i18n import Lang
from kundenaudit.model.record import Record
from kundenaudit.model.report import ReportMeta, Source, SourceRole
from kundenaudit.model.suggest import did_you_mean
from kundenaudit.score.catalogs import CatalogSource, load_catalog_for
from kundenaudit.score.report_trend import trend

_SUFFIXES = {".html": "html", ".htm": "html", ".md": "markdown"}
MAX_CARDS = 200


@dataclass(frozen=True, kw_only=True)
class ReportOptions:
    """Options of `report` beyond the inputs."""

    output: Path
    catalog: Path | None = None
    mapping: Path | None = None
    segment: str | None = None
    customers: tuple[str, ...] = ()
    lang: Lang | None = None
    today: dt.date | None = None
    title: str | None = None
    max_cards: int = MAX_CARDS
    strict: bool = False
    history: tuple[Path, ...] = ()  # earlier snapshots: the trend, and drift in the review
    sheet: str | None = None  # sheet of .xlsx inputs; None: the first visible one


def run(inputs: list[str], o: ReportOptions) -> int:
    """Write the report; 0 on success (user errors raise)."""
    from kundenaudit.load.inputs import gather  # noqa: PLC0415 - lazy imports keep --help fast
    from kundenaudit.render.report import assemble, markdown  # noqa: PLC0415
    from kundenaudit.render.score_render import RENDERERS, ScoreFormat, ViewOptions  # noqa: PLC0415
    from kundenaudit.score.pipeline import Job, Scoring  # noqa: PLC0415

    kind = _SUFFIXES.get(o.output.suffix.lower())
    if kind is None:
        raise UsageError(f"{o.output}: a report is .html, .htm or .md, not '{o.output.suffix}'")
    today = o.today or snapshot_today(inputs) or dt.date.today()
    cat, source = load_catalog_for(o.catalog, inputs, today)
    if o.segment is not None and o.segment not in cat.segments:
        raise UsageError(f"unknown segment '{o.segment}'{did_you_mean(o.segment, cat.segments)}")
    mapping = load_mapping(o.mapping).mapping if o.mapping else None
    lang = o.lang or Lang(cat.language)
    with Bar(lang=lang) as bar:
        gathered = gather(inputs, cat, mapping, o.segment, o.strict, bar, o.sheet)
        for finding in gathered.findings:
            warn(finding.format())
        records = _chosen(gathered, o.customers)
        scoring = Scoring(Job(cat, today, o.segment), records, progress=bar)
        meta = replace(
            report_meta(source, o.mapping, gathered, o.title, o.max_cards),
            findings=_review(inputs, o, cat, records, today),
            trend=trend(list(o.history), cat, records, today, source.sha256) if o.history else None,
        )
        if kind == "html":
            chunks = RENDERERS[ScoreFormat.HTML].render(
                scoring, ViewOptions(lang=lang, report=meta)
            )
        else:
            chunks = [markdown.render(assemble.report_input(scoring, meta, lang))]
        scoring.finish()
    paths = [Path(i) for i in inputs] + [p for p in (o.catalog, o.mapping) if p is not None]
    write_output(chunks, o.output, paths)
    return 0


def _review(
    inputs: list[str], o: ReportOptions, cat: Catalog, records: list[Record], today: dt.date
) -> tuple[Finding, ...]:
    """The findings of `review` for the report's catalog, records and history."""
    from kundenaudit.cli.review import history_records, review_catalog  # noqa: PLC0415
    from kundenaudit.score.review import ReviewInput, review  # noqa: PLC0415

    _, locate, _ = review_catalog(o.catalog, inputs, today)
    past = history_records(list(o.history), cat)
    return tuple(
        review(ReviewInput(catalog=cat, locate=locate, records=records, history=past, today=today))
    )


def report_meta(
    catalog: CatalogSource,
    mapping: Path | None,
    gathered: Gathered,
    title: str | None = None,
    max_cards: int = MAX_CARDS,
) -> ReportMeta:
    """The report's head: the tool, its sources, its title."""
    return ReportMeta(
        tool=f"kundenaudit {__version__}",
        sources=sources(catalog, mapping, gathered),
        title=title,
        max_cards=max_cards,
    )


def sources(catalog: CatalogSource, mapping: Path | None, gathered: Gathered) -> tuple[Source, ...]:
    """The catalog, the mapping files and every input read, each with its SHA-256."""
    out = [Source(catalog.display, catalog.sha256, SourceRole.CATALOG)]
    if mapping is not None:
        maps = [mapping]
    else:  # a CSV export's own mapping file, found beside it
        found = (_beside(p) for p, _ in gathered.inputs if p.lower().endswith(".csv"))
        maps = [m for m in found if m.is_file()]
    for m in maps:
        digest = hashlib.sha256(read_bytes(m)).hexdigest()
        out.append(Source(display_path(m), digest, SourceRole.MAPPING))
    seen = {s.path for s in out}
    for path, digest in gathered.inputs:  # a mapping file in an input directory is read twice
        if path not in seen:
            seen.add(path)
            out.append(Source(path, digest))
    return tuple(out)


def _beside(csv: str) -> Path:
    path = Path(csv)
    return path.with_name(f"{path.stem}{MAPPING_SUFFIX}")


def _chosen(gathered: Gathered, patterns: tuple[str, ...]) -> list[Record]:
    """The records whose id matches one of ``patterns`` (all without patterns)."""
    if not patterns:
        return gathered.records
    chosen = [r for r in gathered.records if any(fnmatch.fnmatchcase(r.id, p) for p in patterns)]
    if not chosen:
        raise UsageError(f"no customer matches --customer {' '.join(patterns)}")
    return chosen
