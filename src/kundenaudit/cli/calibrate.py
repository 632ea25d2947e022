"""The `calibrate` command: load, calibrate, render, write."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from kundenaudit.cli.commands import choose_format
from kundenaudit.cli.output import write_output
from kundenaudit.cli.state import warn
from kundenaudit.load.documents import builtin_catalog_path, load_mapping
from kundenaudit.model.errors import UsageError
from kundenaudit.model.i18n import Lang
from kundenaudit.model.suggest import did_you_mean
from kundenaudit.render import suffix_map
from kundenaudit.render.calibrate_render import RENDERERS
from kundenaudit.render.formats import CalibrateFormat
from kundenaudit.score.catalogs import load_catalog_for


@dataclass(frozen=True, kw_only=True)
class CalibrateOptions:
    """Options of `calibrate` beyond the inputs."""

    outcome: str
    catalog: Path | None = None
    mapping: Path | None = None
    segment: str | None = None
    fmt: CalibrateFormat | None = None
    output: Path | None = None
    lang: Lang | None = None
    today: dt.date | None = None
    min_events: int = 10
    sheet: str | None = None  # sheet of .xlsx inputs; None: the first visible one


def run(inputs: list[str], o: CalibrateOptions) -> None:
    """Suggest levels from the outcome ``o.outcome`` of the records in ``inputs``."""
    from kundenaudit.load.inputs import gather  # noqa: PLC0415 - lazy imports keep --help fast
    from kundenaudit.score.calibrate import calibrate  # noqa: PLC0415

    today = o.today or dt.date.today()
    cat, _ = load_catalog_for(o.catalog, inputs, today)
    if o.segment is not None and o.segment not in cat.segments:
        raise UsageError(f"unknown segment '{o.segment}'{did_you_mean(o.segment, cat.segments)}")
    mapping = load_mapping(o.mapping).mapping if o.mapping else None
    fmt = choose_format(
        "calibrate",
        o.fmt,
        o.output,
        suffix_map(RENDERERS),
        CalibrateFormat.MARKDOWN,
        CalibrateFormat.TABLE,
    )
    gathered = gather(inputs, cat, mapping, o.segment, sheet=o.sheet)
    for finding in gathered.findings:
        warn(finding.format())
    result = calibrate(cat, gathered.records, o.outcome, today, o.min_events, o.segment)
    text = RENDERERS[fmt].render(result, cat.name, o.lang or Lang(cat.language))
    read = [Path(i) for i in inputs] + [o.catalog or builtin_catalog_path()]
    write_output([text], o.output, read + ([o.mapping] if o.mapping else []))
