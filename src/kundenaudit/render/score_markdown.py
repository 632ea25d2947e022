"""Score results as Markdown (tables by tabulate)."""

from __future__ import annotations

from kundenaudit.render.cells import plain
from kundenaudit.render.markdown import md_line, table
from kundenaudit.render.sections import Section, SectionKind


def render(sections: list[Section]) -> str:
    """Each section as a heading followed by a table or a list."""
    out: list[str] = []
    for i, sec in enumerate(sections):
        out.append(("# " if i == 0 else "## ") + md_line(sec.title))
        out.append("")
        if sec.kind is SectionKind.LINES:
            marks = (f"{n}." if sec.numbered else "-" for n in range(1, len(sec.lines) + 1))
            out += [
                f"{mark} {md_line(plain(ln))}" for mark, ln in zip(marks, sec.lines, strict=True)
            ]
        else:
            out.append(table(sec.header, sec.rows))
            if sec.lines:
                out += ["", *(md_line(plain(ln)) for ln in sec.lines)]
        out.append("")
    return "\n".join(out)
