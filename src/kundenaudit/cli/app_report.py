"""The `report` command's options (registered on the app by importing this module)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kundenaudit.cli.app import app
from kundenaudit.cli.score_args import CatalogOpt, LangOpt, SheetOpt, TodayOpt
from kundenaudit.cli.state import handled
from kundenaudit.cli.usage import Command


@app.command(cls=Command)
@handled
def report(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Customer records: YAML files, directories, CSV exports, - for stdin."),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="The report: .html or .htm (one self-contained page), .md."
        ),
    ],
    catalog: CatalogOpt = None,
    mapping: Annotated[
        Path | None, typer.Option("--mapping", "-m", help="Mapping file for CSV exports.")
    ] = None,
    sheet: SheetOpt = None,
    segment: Annotated[
        str | None, typer.Option("--segment", "-s", help="Score every customer in this segment.")
    ] = None,
    customer: Annotated[
        list[str] | None,
        typer.Option("--customer", help="Only these customers (repeatable, glob patterns)."),
    ] = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
    title: Annotated[str | None, typer.Option("--title", help="Title of the report.")] = None,
    max_cards: Annotated[
        int,
        typer.Option("--max-cards", min=0, help="At most this many customer cards (red, amber)."),
    ] = 200,
    strict: Annotated[
        bool, typer.Option("--strict", help="Unknown service ids are errors, not warnings.")
    ] = False,
    history: Annotated[
        list[Path] | None,
        typer.Option(
            "--history",
            help="Snapshots of earlier audits (repeatable): the trend since the latest, split "
            "into catalog and delivery, and drift findings.",
        ),
    ] = None,
) -> None:
    """Write the consultant's report: one self-contained, printable HTML page (or Markdown).

    Example: kundenaudit report examples/ -o bericht.html --today 2026-11-27
    """
    from kundenaudit.cli.report import ReportOptions, run  # noqa: PLC0415

    options = ReportOptions(
        output=output,
        catalog=catalog,
        mapping=mapping,
        segment=segment,
        customers=tuple(customer or ()),
        lang=lang,
        today=today.date() if today else None,
        title=title,
        max_cards=max_cards,
        strict=strict,
        history=tuple(history or ()),
        sheet=sheet,
    )
    raise typer.Exit(run(inputs, options))
