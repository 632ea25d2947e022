"""The `review` command: load the catalog, records and history, review, render, exit code."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from kundenaudit.cli.output import write_output
from kundenaudit.cli.state import color_wanted, warn
from kundenaudit.load.documents import (
    BUILTIN_CATALOG,
    DocumentKind,
    builtin_catalog_path,
    detect_kind,
    display_path,
    read_documents,
)
from kundenaudit.load.inputs import gather
from kundenaudit.load.snapshots import is_snapshot, read_snapshot, snapshot_records
from kundenaudit.load.yaml_document import locate
from kundenaudit.model.catalog import Catalog
from kundenaudit.model.errors import ExitCode, Severity, UsageError
from kundenaudit.model.record import Record
from kundenaudit.model.review_rules import ReviewRule
from kundenaudit.render.review import RENDERERS
from kundenaudit.render.time_formats import ReviewFormat
from kundenaudit.score.catalogs import load_catalog, load_catalog_for
from kundenaudit.score.review import Locator, ReviewInput, review
from kundenaudit.score.validate import ValidationResult


def run(
    args: list[str],
    catalog: Path | None,
    today: dt.date,
    history: list[Path],
    fmt: ReviewFormat,
    fail_on: list[ReviewRule],
    sheet: str | None = None,
    no_color: bool = False,
) -> int:
    """Review; exit 1 when a finding of a --fail-on rule exists. The text format is coloured
    as `validate`'s on a terminal."""
    if catalog is None and args and _is_catalog(Path(args[0])):
        catalog, args = Path(args[0]), args[1:]
    cat, locator, files = review_catalog(catalog, args, today)
    records = gather(args, cat, None, None, sheet=sheet).records if args else []
    past = history_records(history, cat)
    found = review(
        ReviewInput(catalog=cat, locate=locator, records=records, history=past, today=today)
    )
    result = ValidationResult(files + [display_path(Path(a)) for a in args], found)
    render = RENDERERS[fmt]
    if fmt is ReviewFormat.TEXT and color_wanted(sys.stdout, no_color):
        from kundenaudit.render import findings_color  # noqa: PLC0415 - only on a terminal

        render = findings_color.text
    write_output([render(result, False)], None, verbatim=fmt is ReviewFormat.GITHUB)
    counts = {s: sum(1 for f in found if f.severity is s) for s in Severity}
    warn(
        f"review: {len(records)} customer(s), {len(past)} earlier audit(s): "
        f"{counts[Severity.WARNING]} warning(s), {counts[Severity.NOTE]} note(s)"
    )
    failing = {r.value for r in fail_on}
    return ExitCode.FINDINGS if any(f.rule in failing for f in found) else ExitCode.OK


def _is_catalog(path: Path) -> bool:
    """Whether a positional argument is the catalog (a YAML file whose content is one)."""
    if not path.is_file() or is_snapshot(path):
        return False
    docs, _ = read_documents(path)
    return len(docs) == 1 and detect_kind(docs[0].data) is DocumentKind.CATALOG


def review_catalog(
    path: Path | None, args: list[str], today: dt.date
) -> tuple[Catalog, Locator, list[str]]:
    """The catalog, a locator of its entries, and the catalog file as it is shown."""
    if path is None and any(is_snapshot(Path(a)) for a in args):
        cat, source = load_catalog_for(None, args, today)
        return cat, lambda loc: (source.display, 1, 1), []
    cat, sink = load_catalog(path, today)
    docs, _ = read_documents(path or builtin_catalog_path(), sink.file)
    node = docs[0].node
    display = display_path(path) if path else f"<built-in>/{BUILTIN_CATALOG}"

    def at(loc: tuple[Any, ...]) -> tuple[str, int, int]:
        line, column = locate(node, loc)
        return display, line, column

    return cat, at, [display]


def history_records(paths: list[Path], cat: Catalog) -> list[list[Record]]:
    """Earlier audits' records, oldest first (by the snapshot's `today`)."""
    for p in paths:
        if not is_snapshot(p):
            raise UsageError(f"{display_path(p)}: --history takes snapshots (score --snapshot)")
    snaps = sorted(((read_snapshot(p), p) for p in paths), key=lambda sp: sp[0].snapshot.today)
    return [snapshot_records(s, p, cat) for s, p in snaps]
