"""The `diff` command: load two snapshots (or one and a catalog), compare, render, gate."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from kundenaudit.cli.output import write_output
from kundenaudit.cli.state import warn
from kundenaudit.load.documents import display_path
from kundenaudit.load.snapshots import is_snapshot, read_snapshot
from kundenaudit.model.errors import ExitCode, UsageError
from kundenaudit.model.i18n import Lang
from kundenaudit.model.snapshot import SnapshotFile
from kundenaudit.model.time_options import Regression
from kundenaudit.render.diff_text import RENDERERS
from kundenaudit.render.time_formats import DiffFormat
from kundenaudit.score.catalogs import load_catalog_for
from kundenaudit.score.diff import diff, regressions
from kundenaudit.score.diff_inputs import sides

SHOWN = 10  # customers a failing gate names


def run(
    old: Path,
    new: Path | None,
    catalog: Path | None,
    fmt: DiffFormat | None,
    lang: Lang | None,
    fail_on: Regression | None,
) -> int:
    """Compare; exit 1 when --fail-on-regression finds a regression."""
    if new is None and catalog is None:
        raise UsageError("diff needs NEW (a second snapshot) or --catalog F")
    old_snap = _snapshot(old)
    new_snap = _snapshot(new) if new is not None else None
    chosen = None
    if catalog is not None:
        cat, source = load_catalog_for(catalog, [], dt.date.today())
        chosen = (cat, source.sha256)
    before, after = sides(old_snap, old, new_snap, new, chosen)
    result = diff(before, after)
    language = lang or Lang(after.catalog.language)
    chosen_fmt = fmt or (DiffFormat.TABLE if sys.stdout.isatty() else DiffFormat.MARKDOWN)
    text = RENDERERS[chosen_fmt](result, language)
    write_output([text], None, verbatim=chosen_fmt is DiffFormat.GITHUB)
    unscored = [c.id for c in result.customers if c.change.value != "gone" and c.new is None]
    if unscored:
        more = f" and {len(unscored) - SHOWN} more" if len(unscored) > SHOWN else ""
        warn(
            f"warning: {len(unscored)} customer(s) have a segment the new catalog lacks and are "
            f"not scored there: {', '.join(unscored[:SHOWN])}{more}"
        )
    if fail_on is None:
        return ExitCode.OK
    failed = regressions(result, fail_on)
    if not failed:
        return ExitCode.OK
    more = f" and {len(failed) - SHOWN} more" if len(failed) > SHOWN else ""
    warn(f"regression ({fail_on.value}): {', '.join(failed[:SHOWN])}{more}")
    return ExitCode.FINDINGS


def _snapshot(path: Path) -> SnapshotFile:
    if not is_snapshot(path):
        raise UsageError(f"{display_path(path)}: diff compares snapshots (score --snapshot)")
    return read_snapshot(path)
