"""Rich tables for a terminal (or a fixed width when captured)."""

from __future__ import annotations

import io

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from kundenaudit.model.text import visible
from kundenaudit.model.vocabulary import Level
from kundenaudit.render.catalog_view import CatalogView
from kundenaudit.render.cells import Cell, CellKind

DEFAULT_WIDTH = 120


def make_console(color: bool, width: int | None) -> tuple[Console, io.StringIO]:
    """A console that records into a string buffer."""
    buf = io.StringIO()
    console = Console(
        file=buf,
        width=width or DEFAULT_WIDTH,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        legacy_windows=False,
        soft_wrap=False,
    )
    return console, buf


def catalog(view: CatalogView, color: bool = False, width: int | None = None) -> str:
    """The matrix and the goals as rich tables."""
    console, buf = make_console(color, width)
    table = Table(title=escape(visible(view.title)), show_lines=False, header_style="bold")
    for i, head in enumerate(view.header):
        table.add_column(escape(visible(head)), no_wrap=i > 1, overflow="fold")
    for row in view.rows:
        table.add_row(*(Text(visible(c.text), style=_level_style(c)) for c in row))
    console.print(table)
    console.print(Text(visible(view.legend), style="dim"))
    for segment, lines in view.goals:
        console.print(Text(visible(segment), style="bold"))
        for line in lines:
            console.print(Text("  • " + visible(line)))
    return buf.getvalue()


def _level_style(cell: Cell) -> str:
    """Muss in bold: what is owed stands out of the matrix."""
    if cell.kind is CellKind.LEVEL and cell.value is Level.MUSS:
        return "bold"
    return ""
