"""The commands of audits over time: `review` and `diff` (registered on import by cli/app.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from kundenaudit.cli.app import app
from kundenaudit.cli.score_args import CatalogOpt, LangOpt, NoColorOpt, SheetOpt, TodayOpt
from kundenaudit.cli.state import handled
from kundenaudit.cli.usage import Command
from kundenaudit.model.review_rules import ReviewRule
from kundenaudit.model.time_options import Regression
from kundenaudit.render.time_formats import DiffFormat, ReviewFormat


@app.command("review", cls=Command)
@handled
def review_cmd(
    args: Annotated[
        list[str] | None,
        typer.Argument(
            help="An optional catalog file first, then customer records or snapshots.",
            metavar="[CATALOG] [INPUT]...",
        ),
    ] = None,
    catalog: CatalogOpt = None,
    today: TodayOpt = None,
    history: Annotated[
        list[Path] | None,
        typer.Option("--history", help="Snapshots of earlier audits (repeatable)."),
    ] = None,
    fmt: Annotated[
        ReviewFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ReviewFormat.TEXT,
    fail_on: Annotated[
        list[ReviewRule] | None,
        typer.Option("--fail-on", help="Exit 1 when a finding of this rule exists (repeatable)."),
    ] = None,
    sheet: SheetOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """Overdue reviews, expiring exemptions, stale audits, de-facto Muss, competition mismatches.

    Example: kundenaudit review catalogs/standard.yaml examples/ --today 2026-11-27
    """
    from kundenaudit.cli import review  # noqa: PLC0415

    day = today.date() if today else dt.date.today()
    found = review.run(args or [], catalog, day, history or [], fmt, fail_on or [], sheet, no_color)
    raise typer.Exit(found)


@app.command("diff", cls=Command)
@handled
def diff_cmd(
    old: Annotated[Path, typer.Argument(help="The earlier audit's snapshot.")],
    new: Annotated[
        Path | None, typer.Argument(help="The later audit's snapshot (or use --catalog).")
    ] = None,
    catalog: Annotated[
        Path | None,
        typer.Option("--catalog", "-c", help="Score OLD's records under this catalog instead."),
    ] = None,
    fmt: Annotated[
        DiffFormat | None,
        typer.Option(
            "--format", "-f", help="table, markdown, json or github (default: table on a terminal)."
        ),
    ] = None,
    lang: LangOpt = None,
    fail_on_regression: Annotated[
        Regression | None,
        typer.Option(
            "--fail-on-regression",
            help="Exit 1 when a customer got worse through delivery (or any cause), or is gone.",
        ),
    ] = None,
) -> None:
    """What changed between two audits, split into what the catalog and the delivery caused.

    Example: kundenaudit diff q3.snapshot.json q4.snapshot.json --format markdown
    """
    from kundenaudit.cli import diff  # noqa: PLC0415

    raise typer.Exit(diff.run(old, new, catalog, fmt, lang, fail_on_regression))
