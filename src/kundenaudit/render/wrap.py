"""Where terminal text may break: rich breaks a line at any whitespace, no-break spaces too,
so ``teilweise (60 %)`` in a narrow column came out as ``teilweise (60`` over ``%)``.

Text is broken here instead, before rich sees it, and only at a plain space that is not
glued: never before a percent sign or a closing parenthesis (``60 %``), never after a
comparison sign (``≥ 70 %``), never between a word and the percentage after it (``Kann
12.5 %``), never at a no-break space (digit groups: ``1 820 000``). A unit wider than the
line is folded, as rich folds it. Every line this gives fits, so rich breaks nothing more.
"""

from __future__ import annotations

import re
from itertools import pairwise

from rich.cells import cell_len, chop_cells
from rich.text import Text

# a space where a line may break: not after a comparison sign, not before a percent sign or a
# closing parenthesis, and not before a percentage (``Muss 100.0 %`` keeps its level word)
_BREAK = re.compile(r"(?<![≥≤<>=]) (?![%)])(?![-+]?\d[\d.,]*[ \u00a0\u202f]?%)")


def units(line: str) -> list[str]:
    """The pieces of one line that stay together, without the spaces between them."""
    return _BREAK.split(line)


def longest_unit(text: str) -> int:
    """The width of the widest unit of ``text`` (the least a column needs to break none)."""
    return max((cell_len(u) for line in text.split("\n") for u in units(line)), default=0)


def breaks(line: str, width: int) -> list[int]:
    """Offsets into ``line`` where lines of ``width`` cells break: each at the start of the
    unit that goes on the next line (the space before it ends the line before), or inside a
    unit wider than ``width``, folded."""
    width = max(width, 1)
    offsets: list[int] = []
    used = -1  # cells on the current line; -1 while it is empty
    start = 0  # where the unit begins in ``line``
    for unit in units(line):
        size = cell_len(unit)
        if used >= 0 and (size == 0 or used + 1 + size <= width):  # spaces: cropped
            used += 1 + size
        else:
            if used >= 0:
                offsets.append(start)
            if size <= width:
                used = size
            else:
                pieces = chop_cells(unit, width)
                at = start
                for piece in pieces[:-1]:
                    at += len(piece)
                    offsets.append(at)
                used = cell_len(pieces[-1])
        start += len(unit) + 1
    return offsets


def wrap(text: str, width: int) -> str:
    """``text`` broken into lines of at most ``width`` cells, joined by newlines."""
    out: list[str] = []
    for line in text.split("\n"):
        cuts = [0, *breaks(line, width), len(line)]
        out.extend(line[a:b].rstrip(" ") for a, b in pairwise(cuts))
    return "\n".join(out)


def wrap_text(text: Text, width: int) -> list[Text]:
    """A styled one-line ``text`` broken as :func:`wrap` breaks its plain text."""
    lines = text.divide(breaks(text.plain, width))
    for line in lines:
        plain = line.plain
        spaces = len(plain) - len(plain.rstrip(" "))
        if spaces:  # right_crop(0) would crop everything
            line.right_crop(spaces)
    return list(lines)
