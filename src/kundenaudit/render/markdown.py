"""Markdown documents with tables made by tabulate."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tabulate import tabulate

from kundenaudit.model.text import one_line
from kundenaudit.render.catalog_view import CatalogView
from kundenaudit.render.cells import Cell

# inline syntax: emphasis, code, links, HTML, table cells, strike-through; `_` only where it
# could open or close emphasis (not inside ids like `lieferverzug_info`)
_INLINE = re.compile(r"[\\`*<>\[\]|~]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])|&(?=#?\w+;)")
# what makes a line a heading, a list item, a quote or a rule when it starts it
_LEADING = re.compile(r"^(?:[#+=-]|\d+(?=[.)]))")


def md_escape(value: str) -> str:
    """Input text as literal inline Markdown on one line (a table cell): control characters
    escaped, CR and LF a space, nothing in it read as emphasis, code, HTML or a link."""
    return _INLINE.sub(lambda m: "\\" + m.group(0), one_line(value))


def md_line(value: str) -> str:
    """Like :func:`md_escape`, for text that starts a line or a list item: also nothing at its
    start read as a heading, a list item or a quote."""
    text = md_escape(value)
    lead = _LEADING.match(text)
    if lead is None:
        return text
    end = lead.end()
    if text[:1].isdigit():  # `1. ` starts a list: escape the dot (or parenthesis) after it
        return text[:end] + "\\" + text[end:]
    return "\\" + text


def table(header: list[str], rows: Sequence[Sequence[str | Cell]]) -> str:
    """A GitHub-flavoured table; numbers kept exactly as given."""
    return tabulate(
        [[md_escape(str(c)) for c in row] for row in rows],
        headers=[md_escape(h) for h in header],
        tablefmt="github",
        disable_numparse=True,
    )


def catalog(view: CatalogView) -> str:
    """The matrix, the legend and each segment's goals."""
    out = [f"# {md_line(view.title)}", "", table(view.header, view.rows), "", view.legend, ""]
    for segment, lines in view.goals:
        out.append(f"## {md_line(segment)}")
        out += [f"- {md_line(line)}" for line in lines]
        out.append("")
    return "\n".join(out)
