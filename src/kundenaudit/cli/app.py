"""Command-line interface: parse options, call the core, render, write, exit. Nothing else."""

# No `from __future__ import annotations` here: typer reads a command's annotations when it
# builds the command; evaluated where they are defined they come compiled with the module, as
# strings each would be compiled then (a third of building `score`).

import enum
from pathlib import Path
from typing import Annotated

import typer

from kundenaudit import __version__
from kundenaudit.cli import score_args as sa
from kundenaudit.cli.score_args import (  # the option types, also those of further commands
    AsSegmentOpt,
    CatalogOpt,
    CustomerOpt,
    GateOpt,
    LangOpt,
    NoColorOpt,
    OutOpt,
    SegmentOpt,
    SheetOpt,
    TodayOpt,
    check_values,
)
from kundenaudit.cli.state import STATE, handled
from kundenaudit.cli.usage import Command, Group
from kundenaudit.model.errors import ExitCode
from kundenaudit.model.options import SortKey
from kundenaudit.render import choices
from kundenaudit.render.formats import CatalogFormat, FindingFormat
from kundenaudit.render.score_render import ScoreFormat

app = typer.Typer(
    cls=Group,
    help="Audit how well a B2B supplier covers the Muss/Soll/Kann services it owes each customer."
    "\n\nExample: kundenaudit score customers/ --catalog catalogs/standard.yaml",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kundenaudit {__version__}")
        raise typer.Exit(ExitCode.OK)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks of internal errors.")
    ] = False,
) -> None:
    """kundenaudit: Muss/Soll/Kann service coverage of B2B customers."""
    STATE.debug = debug


def _format_help(formats: type[enum.Enum]) -> str:
    tail = "default: table on a terminal, markdown when piped, else by the -o suffix"
    return f"{choices(formats)} ({tail})."


@app.command(cls=Command)
@handled
def validate(
    files: Annotated[
        list[str] | None,
        typer.Argument(help="Files, globs or directories (default: the current directory)."),
    ] = None,
    catalog: CatalogOpt = None,
    fmt: Annotated[
        FindingFormat,
        typer.Option("--format", "-f", help=f"Output format: {choices(FindingFormat)}."),
    ] = FindingFormat.TEXT,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too.")] = False,
    mapping: Annotated[Path | None, typer.Option("--mapping", "-m", help="CSV mapping.")] = None,
    no_color: NoColorOpt = False,
    sheet: SheetOpt = None,
) -> None:
    """Check catalogs, customer records, CSV exports and mapping files (kind from the content).

    Example: kundenaudit validate catalogs/ examples/*.yaml --strict
    """
    from kundenaudit.cli import commands  # noqa: PLC0415 - lazy: keeps --help fast

    raise typer.Exit(
        commands.validate(files or ["."], catalog, fmt, strict, mapping, no_color, sheet)
    )


@app.command(cls=Command)
@handled
def schema(
    name: Annotated[
        str,
        typer.Argument(help="catalog, customer, mapping, result, result-line, snapshot or diff."),
    ] = "catalog",
) -> None:
    """Print a JSON Schema (draft 2020-12) for editors and other tools.

    Example: kundenaudit schema catalog > catalog.schema.json
    """
    from kundenaudit.cli import commands  # noqa: PLC0415

    commands.schema(name)


@app.command("catalog", cls=Command)
@handled
def catalog_cmd(
    file: Annotated[Path | None, typer.Argument(help="Catalog file (default: built-in).")] = None,
    segment: Annotated[
        list[str] | None,
        typer.Option("--segment", "-s", help="Show only this segment (repeatable)."),
    ] = None,
    fmt: Annotated[
        CatalogFormat | None,
        typer.Option("--format", "-f", help=_format_help(CatalogFormat)),
    ] = None,
    lang: LangOpt = None,
    no_color: NoColorOpt = False,
    output: OutOpt = None,
) -> None:
    """Show the resolved matrix: services x segments with levels, knock-outs and goals.

    Example: kundenaudit catalog --segment schluesselkunde --format markdown
    """
    from kundenaudit.cli import commands  # noqa: PLC0415

    commands.show_catalog(file, segment or [], fmt, lang, no_color, output)


@app.command(cls=Command)
@handled
def score(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Customer records: YAML files, directories, CSV exports, - for stdin."),
    ],
    catalog: CatalogOpt = None,
    segment: SegmentOpt = None,
    as_segment: AsSegmentOpt = None,
    customer: CustomerOpt = None,
    mapping: Annotated[
        Path | None, typer.Option("--mapping", "-m", help="Mapping file for CSV exports.")
    ] = None,
    sheet: SheetOpt = None,
    fmt: Annotated[
        ScoreFormat | None,
        typer.Option("--format", "-f", help=_format_help(ScoreFormat)),
    ] = None,
    output: OutOpt = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
    fail_on: GateOpt = None,
    fail_under: Annotated[
        float | None,
        typer.Option("--fail-under", help="Exit 1 when any customer's printed index is below N."),
    ] = None,
    fail_on_goal: sa.FailOnGoalOpt = False,
    no_color: NoColorOpt = False,
    csv_delimiter: Annotated[
        str, typer.Option("--csv-delimiter", help="Delimiter of CSV output (e.g. ';' for Excel).")
    ] = ",",
    strict: Annotated[
        bool, typer.Option("--strict", help="Unknown service ids are errors, not warnings.")
    ] = False,
    detail: Annotated[
        bool, typer.Option("--detail", help="Portfolio: add each customer's gaps (CSV: per gap).")
    ] = False,
    sort: Annotated[
        SortKey | None, typer.Option("--sort", help="Portfolio: order (default: status; not JSON).")
    ] = None,
    top: sa.TopOpt = None,
    level: sa.LevelOpt = None,
    category: sa.CategoryOpt = None,
    snapshot: Annotated[
        Path | None,
        typer.Option(
            "--snapshot",
            help="Also write an audit snapshot (JSON) there, to score or diff it later.",
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="JSON output of large portfolios: processes scoring side by side "
            "(default: one per CPU; 1 turns it off).",
        ),
    ] = None,
) -> None:
    """Score customers: a scorecard for one, a portfolio view for many.

    Example: kundenaudit score examples/rot.yaml --today 2026-11-27
    """
    from kundenaudit.cli.score import ScoreOptions, run  # noqa: PLC0415

    check_values(csv_delimiter, fail_under)
    options = ScoreOptions(
        catalog=catalog,
        segment=segment,
        as_segment=as_segment,
        customers=tuple(customer or ()),
        mapping=mapping,
        sheet=sheet,
        fmt=fmt,
        output=output,
        lang=lang,
        today=today.date() if today else None,
        fail_on=fail_on,
        fail_under=fail_under,
        no_color=no_color,
        csv_delimiter=csv_delimiter,
        strict=strict,
        detail=detail,
        sort=sort,
        top=top,
        levels=sa.parse_levels(level),
        categories=tuple(category or ()),
        jobs=jobs,
        snapshot=snapshot,
        fail_on_goal=fail_on_goal,
    )
    raise typer.Exit(run(inputs, options))


# the modules of further commands register them on `app`
from kundenaudit.cli import app_calibrate, app_more, app_report, app_time  # noqa: E402, F401
