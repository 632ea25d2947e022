"""Score results as Markdown (tables by tabulate)."""

from __future__ import annotations

from kundenaudit.render.markdown import md_escape, table
from kundenaudit.render.sections import Kind, Section


def render(sections: list[Section]) -> str:
    """Each section as a heading followed by a table or a list."""
    out: list[str] = []
    for i, sec in enumerate(sections):
        out.append(("# " if i == 0 else "## ") + md_escape(sec.title))
        out.append("")
        if sec.kind is Kind.LINES:
            out += [ln if ln[:1].isdigit() else f"- {md_escape(ln)}" for ln in sec.lines]
        else:
            out.append(table(sec.header, sec.rows))
            if sec.lines:
                out += ["", *(md_escape(ln).replace("*", "\\*") for ln in sec.lines)]
        out.append("")
    return "\n".join(out)
