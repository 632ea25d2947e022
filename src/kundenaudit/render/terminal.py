"""Rich tables for a terminal (or a fixed width when captured)."""

from __future__ import annotations

import io

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from kundenaudit.model.i18n import Lang, t
from kundenaudit.model.text import visible
from kundenaudit.model.vocabulary import Level
from kundenaudit.render import fit
from kundenaudit.render.catalog_view import CatalogView
from kundenaudit.render.cells import Cell, CellKind
from kundenaudit.render.wrap import wrap, wrap_text

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


def catalog(view: CatalogView, lang: Lang, color: bool = False, width: int | None = None) -> str:
    """The matrix and the goals as rich tables, fitted to ``width`` (the category first, then
    the last segments are left out where the matrix does not fit, and a line says so)."""
    console, buf = make_console(color, width)
    header = [visible(h) for h in view.header]
    texts = [[visible(c.text) for c in row] for row in view.rows]
    optional = (1, *range(len(header) - 1, 1, -1))
    fitted = fit.fit(header, texts, console.width, optional, overhead=(4, 3))
    table = Table(title=escape(visible(view.title)), show_lines=False, header_style="bold")
    for i, w in zip(fitted.keep, fitted.widths, strict=True):
        table.add_column(Text(wrap(header[i], w)), width=w, overflow="fold")
    for row, shown in zip(view.rows, texts, strict=True):
        table.add_row(
            *(
                Text(wrap(shown[i], w), style=_level_style(row[i]))
                for i, w in zip(fitted.keep, fitted.widths, strict=True)
            )
        )
    console.print(table)
    if fitted.dropped:
        items = ", ".join(header[i] for i in sorted(fitted.dropped))
        print_line(console, Text(t("columns_left_out", lang, items=items), style="dim"))
    print_line(console, Text(visible(view.legend), style="dim"))
    for segment, lines in view.goals:
        print_line(console, Text(visible(segment), style="bold"))
        for line in lines:
            print_line(console, Text("  • " + visible(line)))
    return buf.getvalue()


def print_line(console: Console, text: Text) -> None:
    """One line of text, broken where `wrap` allows (rich would break it at any space)."""
    for part in wrap_text(text, console.width):
        console.print(part)


def _level_style(cell: Cell) -> str:
    """Muss in bold: what is owed stands out of the matrix."""
    if cell.kind is CellKind.LEVEL and cell.value is Level.MUSS:
        return "bold"
    return ""
