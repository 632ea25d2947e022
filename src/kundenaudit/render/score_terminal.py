"""Score results as rich tables, with the Ampel and the heat-map in colour."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from kundenaudit.model.i18n import Lang, t
from kundenaudit.model.text import visible
from kundenaudit.render.sections import Section, SectionKind
from kundenaudit.render.terminal import make_console

SHORT = 8  # a column whose cells are all this short keeps its width on a narrow terminal
_AMPEL_STYLES = ("bold white on red", "bold black on yellow", "bold white on green")


def render(sections: list[Section], lang: Lang, color: bool, width: int | None = None) -> str:
    """Each section as a bold heading followed by a table or lines."""
    console, buf = make_console(color, width)
    styles = {
        t(f"ampel.{w}", lang): s
        for w, s in zip(("rot", "gelb", "gruen"), _AMPEL_STYLES, strict=True)
    }
    for sec in sections:
        console.print(Text(visible(sec.title), style="bold underline"))
        if sec.kind is SectionKind.LINES:
            for n, line in enumerate(sec.lines, 1):
                console.print(_line(f"{n}. {line}" if sec.numbered else line, styles))
        else:
            console.print(_table(sec, styles))
            for line in sec.lines:
                console.print(Text(visible(line), style="dim"))
        console.print()
    return buf.getvalue()


def _line(line: str, styles: dict[str, str]) -> Text:
    text = Text(visible(line))
    for word, style in styles.items():
        text.highlight_words([word.upper()], style=style)
    return text


def _table(sec: Section, styles: dict[str, str]) -> Table:
    table = Table(show_header=True, header_style="bold", show_edge=False, pad_edge=False)
    for i, head in enumerate(sec.header):
        longest = max((len(row[i]) for row in sec.rows), default=0)
        # short cells (numbers, level and status words) keep their width on a narrow
        # terminal; longer text wraps at word boundaries instead
        short = max(longest, len(head)) if longest <= SHORT else None
        table.add_column(Text(visible(head)), min_width=short, overflow="fold")
    for row in sec.rows:
        cells = [Text(visible(c), style=styles.get(c, "")) for c in row]
        if sec.kind is SectionKind.HEATMAP:
            cells = [cells[0], *(Text(visible(c), style=_heat(c)) for c in row[1:])]
        table.add_row(*cells)
    return table


def _heat(cell: str) -> str:
    try:
        value = float(cell.rstrip(" %"))
    except ValueError:
        return "dim"
    if value >= 90:
        return "black on green"
    if value >= 60:
        return "black on yellow"
    return "white on red"
