"""Score results as rich tables, with the Ampel and the heat-map in colour."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from kundenaudit.model.i18n import Lang
from kundenaudit.model.text import visible
from kundenaudit.model.vocabulary import Ampel
from kundenaudit.render.cells import Cell, CellKind, Line
from kundenaudit.render.sections import Section, SectionKind
from kundenaudit.render.terminal import make_console
from kundenaudit.score.rules import rounded

SHORT = 8  # a column whose cells are all this short keeps its width on a narrow terminal
AMPEL_STYLES = {
    Ampel.ROT: "bold white on red",
    Ampel.GELB: "bold black on yellow",
    Ampel.GRUEN: "bold white on green",
}


def render(sections: list[Section], lang: Lang, color: bool, width: int | None = None) -> str:
    """Each section as a bold heading followed by a table or lines."""
    console, buf = make_console(color, width)
    for sec in sections:
        console.print(Text(visible(sec.title), style="bold underline"))
        if sec.kind is SectionKind.LINES:
            for n, line in enumerate(sec.lines, 1):
                console.print(_line(line, f"{n}. " if sec.numbered else ""))
        else:
            console.print(_table(sec))
            for line in sec.lines:
                console.print(_line(line, "", "dim"))
        console.print()
    return buf.getvalue()


def _line(spans: Line, mark: str, style: str = "") -> Text:
    text = Text(mark, style=style)
    for span in spans:
        text.append(visible(span.text), style=_style(span) or style)
    return text


def _style(cell: Cell) -> str:
    if cell.kind is CellKind.AMPEL and isinstance(cell.value, Ampel):
        return AMPEL_STYLES[cell.value]
    return ""


def _table(sec: Section) -> Table:
    table = Table(show_header=True, header_style="bold", show_edge=False, pad_edge=False)
    for i, head in enumerate(sec.header):
        longest = max((len(row[i].text) for row in sec.rows), default=0)
        # short cells (numbers, level and status words) keep their width on a narrow
        # terminal; longer text wraps at word boundaries instead
        short = max(longest, len(head)) if longest <= SHORT else None
        table.add_column(Text(visible(head)), min_width=short, overflow="fold")
    heat = sec.kind is SectionKind.HEATMAP
    for row in sec.rows:
        table.add_row(*(Text(visible(c.text), style=_cell_style(c, heat)) for c in row))
    return table


def _cell_style(cell: Cell, heat: bool) -> str:
    if heat and cell.kind is CellKind.PERCENT:
        return _heat(cell.value if isinstance(cell.value, float | int) else None)
    return _style(cell)


def _heat(value: float | None) -> str:
    """The shade of a heat-map cell, by the value it shows (one decimal)."""
    if value is None:
        return "dim"
    shown = rounded(value, 1)
    if shown >= 90:
        return "black on green"
    if shown >= 60:
        return "black on yellow"
    return "white on red"
