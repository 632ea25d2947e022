"""Options of `score` that choose customers and segments, and checks of option values."""

from __future__ import annotations

from typing import Annotated

import typer

from kundenaudit.model.errors import UsageError
from kundenaudit.model.options import FailOn

SegmentOpt = Annotated[
    str | None,
    typer.Option("--segment", "-s", help="Segment of customers whose record names none."),
]
AsSegmentOpt = Annotated[
    str | None,
    typer.Option("--as-segment", help="What-if: score every customer as if in this segment."),
]
CustomerOpt = Annotated[
    list[str] | None,
    typer.Option("--customer", help="Score only this customer id (repeatable; globs like 'K-1*')."),
]

GateOpt = Annotated[
    FailOn | None,
    typer.Option(
        "--fail-on",
        help="rot (or red): exit 1 when any customer is rot; gelb (or amber): when any is "
        "gelb or rot.",
    ),
]


def check_values(csv_delimiter: str, fail_under: float | None) -> None:
    """Values typer accepts but that cannot work: a usage error saying what would."""
    if len(csv_delimiter) != 1 or csv_delimiter in '"\r\n\0':
        raise UsageError(
            "--csv-delimiter takes a single character other than a quote or a line break, "
            f"not {csv_delimiter!r}"
        )
    if fail_under is not None and not 0 <= fail_under <= 100:  # also refuses nan
        raise UsageError(f"--fail-under takes an index from 0 to 100, not {fail_under:g}")
