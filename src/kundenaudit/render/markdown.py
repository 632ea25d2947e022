"""Markdown documents with tables made by tabulate."""

from __future__ import annotations

from tabulate import tabulate

from kundenaudit.render.catalog_view import CatalogView


def md_escape(value: str) -> str:
    """Escape what would break a Markdown table cell."""
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def table(header: list[str], rows: list[list[str]]) -> str:
    """A GitHub-flavoured table; numbers kept exactly as given."""
    return tabulate(
        [[md_escape(c) for c in row] for row in rows],
        headers=[md_escape(h) for h in header],
        tablefmt="github",
        disable_numparse=True,
    )


def catalog(view: CatalogView) -> str:
    """The matrix, the legend and each segment's goals."""
    out = [f"# {md_escape(view.title)}", "", table(view.header, view.rows), "", view.legend, ""]
    for segment, lines in view.goals:
        out.append(f"## {md_escape(segment)}")
        out += [f"- {md_escape(line)}" for line in lines]
        out.append("")
    return "\n".join(out)
