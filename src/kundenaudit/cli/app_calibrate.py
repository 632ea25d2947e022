"""The `calibrate` command of the typer app (registered on import by cli/app.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from kundenaudit.cli.app import app
from kundenaudit.cli.score_args import CatalogOpt, LangOpt, OutOpt, SheetOpt, TodayOpt
from kundenaudit.cli.state import handled
from kundenaudit.cli.usage import Command
from kundenaudit.render import choices
from kundenaudit.render.formats import CalibrateFormat


@app.command(cls=Command)
@handled
def calibrate(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Customer records with outcomes: YAML, directories, CSV, snapshots."),
    ],
    outcome: Annotated[
        str, typer.Option("--outcome", help="The outcome to calibrate on (e.g. churn).")
    ],
    catalog: CatalogOpt = None,
    mapping: Annotated[
        Path | None, typer.Option("--mapping", "-m", help="Mapping file for CSV exports.")
    ] = None,
    sheet: SheetOpt = None,
    segment: Annotated[
        str | None,
        typer.Option("--segment", "-s", help="Segment of customers whose record names none."),
    ] = None,
    fmt: Annotated[
        CalibrateFormat | None,
        typer.Option(
            "--format",
            "-f",
            help=f"{choices(CalibrateFormat)}; yaml writes the catalog with the suggested levels.",
        ),
    ] = None,
    output: OutOpt = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
    min_events: Annotated[
        int,
        typer.Option(
            "--min-events",
            min=1,
            help="Fewer outcome events than this in either group: the level stays unchanged.",
        ),
    ] = 10,
) -> None:
    """Suggest Muss/Soll/Kann per segment from outcome data, with a held-out check.

    Customers are split by the SHA-256 of their id: even = fit, odd = check. Never edits the
    catalog; -o FILE.yaml writes the suggested one.

    Example: kundenaudit calibrate export.csv --outcome churn -c catalog.yaml
    """
    from kundenaudit.cli.calibrate import CalibrateOptions, run  # noqa: PLC0415

    when: dt.date | None = today.date() if today else None
    run(
        inputs,
        CalibrateOptions(
            outcome=outcome,
            catalog=catalog,
            mapping=mapping,
            segment=segment,
            fmt=fmt,
            output=output,
            lang=lang,
            today=when,
            min_events=min_events,
            sheet=sheet,
        ),
    )
