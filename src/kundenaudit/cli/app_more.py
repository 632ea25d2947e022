"""Further commands of the typer app: `init` and `sheet` (registered on import by cli/app.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from kundenaudit.cli.app import app
from kundenaudit.cli.score_args import SheetOpt
from kundenaudit.cli.state import handled
from kundenaudit.cli.usage import Command
from kundenaudit.model.options import Ci


@app.command(cls=Command)
@handled
def init(
    directory: Annotated[
        Path, typer.Argument(help="Directory to write into (created if missing).")
    ] = Path("."),
    ci: Annotated[
        Ci,
        typer.Option("--ci", help="github: write a workflow; gitlab: print a job to merge; none."),
    ] = Ci.NONE,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
) -> None:
    """Start a project: a commented catalog, an example record, pre-commit and CI files.

    Nothing is overwritten without --force: every existing file is named and nothing is
    written. Example: kundenaudit init audit --ci github
    """
    from kundenaudit.cli import init as init_cmd  # noqa: PLC0415

    init_cmd.run(directory, ci, force, dt.date.today())


@app.command(cls=Command)
@handled
def sheet(
    output: Annotated[Path, typer.Option("--output", "-o", help="The workbook to write (.xlsx).")],
    inputs: Annotated[
        list[str] | None,
        typer.Argument(help="Customer records whose current statuses are filled in (optional)."),
    ] = None,
    catalog: Annotated[
        Path | None,
        typer.Option("--catalog", "-c", help="Catalog file (default: the built-in one)."),
    ] = None,
    segment: Annotated[
        str | None,
        typer.Option(
            "--segment",
            "-s",
            help="Segment of customers whose record names none; without "
            "inputs: the segment of the blank customer (default: one per segment).",
        ),
    ] = None,
    sheet: SheetOpt = None,
) -> None:
    """Write an assessment workbook: one row per customer and applicable service.

    Fill in the status column (a drop-down of the status words), degree, reason, until, note,
    evidence and date, then score it. Example: kundenaudit sheet examples/portfolio.yaml
    -o bewertung.xlsx && kundenaudit score bewertung.xlsx
    """
    from kundenaudit.cli import sheet as sheet_cmd  # noqa: PLC0415

    sheet_cmd.run(inputs or [], output, catalog, segment, dt.date.today(), sheet)
