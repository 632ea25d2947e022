"""Score results as rich tables, with the Ampel and the heat-map in colour."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from kundenaudit.model.i18n import Lang, t
from kundenaudit.model.text import visible
from kundenaudit.model.vocabulary import Ampel
from kundenaudit.render import fit
from kundenaudit.render.cells import Cell, CellKind, Line, line
from kundenaudit.render.sections import Section, SectionKind
from kundenaudit.render.terminal import make_console, print_line
from kundenaudit.render.wrap import wrap
from kundenaudit.score.rules import rounded

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
                print_line(console, _line(line, f"{n}. " if sec.numbered else ""))
        else:
            table, note = _table(sec, console.width, lang)
            console.print(table)
            for line in [*sec.lines, *note]:
                print_line(console, _line(line, "", "dim"))
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


def _table(sec: Section, width: int, lang: Lang) -> tuple[Table, list[Line]]:
    """The table fitted to ``width``, and a line naming the columns it had to leave out."""
    texts = [[visible(c.text) for c in row] for row in sec.rows]
    header = [visible(h) for h in sec.header]
    fitted = fit.fit(header, texts, width, sec.optional)
    table = Table(show_header=True, header_style="bold", show_edge=False, pad_edge=False)
    for i, w in zip(fitted.keep, fitted.widths, strict=True):
        table.add_column(Text(wrap(header[i], w)), width=w, overflow="fold")
    heat = sec.kind is SectionKind.HEATMAP
    for row, shown in zip(sec.rows, texts, strict=True):
        table.add_row(
            *(
                Text(wrap(shown[i], w), style=_cell_style(row[i], heat))
                for i, w in zip(fitted.keep, fitted.widths, strict=True)
            )
        )
    return table, left_out(header, fitted, lang)


def left_out(header: list[str], fitted: fit.Fitted, lang: Lang) -> list[Line]:
    """One line naming the columns a narrow terminal left out (none when all fit)."""
    if not fitted.dropped:
        return []
    items = ", ".join(header[i] for i in sorted(fitted.dropped))
    return [line(t("columns_left_out", lang, items=items))]


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
