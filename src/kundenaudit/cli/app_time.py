"""The commands of audits over time: `review` and `diff` (registered on import by cli/app.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from kundenaudit.cli.app import CatalogOpt, TodayOpt, app
from kundenaudit.cli.state import handled
from kundenaudit.model.review_rules import ReviewRule
from kundenaudit.render.review import ReviewFormat


@app.command("review")
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
) -> None:
    """Overdue reviews, expiring exemptions, stale audits, de-facto Muss, competition mismatches.

    Example: kundenaudit review catalogs/standard.yaml examples/ --today 2026-11-27
    """
    from kundenaudit.cli import review  # noqa: PLC0415

    day = today.date() if today else dt.date.today()
    raise typer.Exit(review.run(args or [], catalog, day, history or [], fmt, fail_on or []))
