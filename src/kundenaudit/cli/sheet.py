"""The `sheet` command: an assessment workbook to fill in, which `score` reads back (SPEC §11)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kundenaudit.cli.output import write_output
from kundenaudit.cli.state import warn
from kundenaudit.model.errors import UsageError
from kundenaudit.model.suggest import did_you_mean
from kundenaudit.score.catalogs import load_catalog_for


def run(
    inputs: list[str],
    output: Path,
    catalog: Path | None,
    segment: str | None,
    today: dt.date,
    sheet: str | None = None,
) -> None:
    """Load the catalog (and the inputs' records), render the workbook, write it to -o."""
    from kundenaudit.load.inputs import gather  # noqa: PLC0415 - lazy imports keep --help fast
    from kundenaudit.render import sheet_xlsx  # noqa: PLC0415

    if output.suffix.lower() != ".xlsx":
        raise UsageError(f"{output}: the assessment workbook is an .xlsx file")
    cat, _ = load_catalog_for(catalog, inputs, today)
    if segment is not None and segment not in cat.segments:
        raise UsageError(f"unknown segment '{segment}'{did_you_mean(segment, cat.segments)}")
    records = []
    if inputs:
        gathered = gather(inputs, cat, None, segment, sheet=sheet)
        for finding in gathered.findings:
            warn(finding.format())
        records = gathered.records
    data = sheet_xlsx.render(cat, records, segment, today)
    read = [Path(i) for i in inputs] + ([catalog] if catalog else [])
    write_output([data], output, read)
    who = f"{len(records)} customer(s)" if records else "a blank customer per segment"
    warn(
        f"wrote {output.as_posix()}: {who}; fill in the sheet '{sheet_xlsx.SHEET}', then: "
        f"kundenaudit score {output.as_posix()}" + (f" --catalog {catalog}" if catalog else "")
    )
