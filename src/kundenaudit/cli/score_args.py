"""Option types shared by the commands (catalog, language, output, today, the inputs' segment,
customers and sheet), and checks of option values."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from kundenaudit.model.errors import UsageError
from kundenaudit.model.i18n import Lang
from kundenaudit.model.options import FailOn
from kundenaudit.model.suggest import did_you_mean
from kundenaudit.model.vocabulary import LEVEL_ALIASES, Level

CatalogOpt = Annotated[
    Path | None,
    typer.Option("--catalog", "-c", help="Catalog file (default: the built-in standard catalog)."),
]
LangOpt = Annotated[
    Lang | None,
    typer.Option("--lang", help="Output language (default: the catalog's language, else de)."),
]
NoColorOpt = Annotated[bool, typer.Option("--no-color", help="No colours (also: NO_COLOR).")]
OutOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout."),
]
TodayOpt = Annotated[
    dt.datetime | None,
    typer.Option("--today", formats=["%Y-%m-%d"], help="Date to use as today (YYYY-MM-DD)."),
]
SegmentOpt = Annotated[
    str | None,
    typer.Option(
        "--segment", "-s", metavar="ID", help="Segment of customers whose record names none."
    ),
]
AsSegmentOpt = Annotated[
    str | None,
    typer.Option(
        "--as-segment",
        metavar="ID",
        help="What-if: score every customer as if in this segment.",
    ),
]
CustomerOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--customer",
        metavar="ID",
        help="Score only this customer id (repeatable; globs like 'K-1*').",
    ),
]
SheetOpt = Annotated[
    str | None,
    typer.Option("--sheet", help="Sheet of .xlsx inputs (default: the first visible one)."),
]

GateOpt = Annotated[
    FailOn | None,
    typer.Option(
        "--fail-on",
        help="rot (or red): exit 1 when any customer is rot; gelb (or amber): when any is "
        "gelb or rot.",
    ),
]
TopOpt = Annotated[
    int | None,
    typer.Option(
        "--top",
        min=0,
        help="The first N customers of a portfolio, or gaps of a scorecard (table: 200 unless "
        "given; 0: all; not JSON).",
    ),
]
LevelOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--level",
        metavar="LEVEL",
        help="Scorecard gaps: only this effective level, muss, soll or kann (repeatable).",
    ),
]
CategoryOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--category",
        metavar="NAME",
        help="Scorecard gaps: only this catalog category (repeatable).",
    ),
]
FailOnGoalOpt = Annotated[
    bool,
    typer.Option("--fail-on-goal", help="Exit 1 when any metric goal is verfehlt or ueberfaellig."),
]


def parse_levels(values: list[str] | None) -> tuple[Level, ...]:
    """``--level`` values as levels; the input aliases are accepted (``must``, ``sollte``)."""
    out = []
    for value in values or ():
        word = LEVEL_ALIASES.get(value.lower())
        if word is None:
            hint = did_you_mean(value.lower(), list(LEVEL_ALIASES))
            raise UsageError(f"--level: unknown level '{value}'{hint}; use muss, soll or kann")
        out.append(Level(word))
    return tuple(dict.fromkeys(out))


def check_values(csv_delimiter: str, fail_under: float | None) -> None:
    """Values typer accepts but that cannot work: a usage error saying what would."""
    if len(csv_delimiter) != 1 or csv_delimiter in '"\r\n\0':
        raise UsageError(
            "--csv-delimiter takes a single character other than a quote or a line break, "
            f"not {csv_delimiter!r}"
        )
    if fail_under is not None and not 0 <= fail_under <= 100:  # also refuses nan
        raise UsageError(f"--fail-under takes an index from 0 to 100, not {fail_under:g}")
