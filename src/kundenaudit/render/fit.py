"""Column widths that fit a terminal: words wrap whole, the least useful columns go first.

Rich shrinks a table that is too wide by cutting its widest columns, mid-word where it must
(``Quartalsweis/e``) and silently past the edge where nothing is left to cut. Here every column
is at least as wide as its longest word (up to :data:`LONG_WORD`); when even that does not fit,
the columns a table marks as optional are left out, least useful first, and the caller says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len

from kundenaudit.render.wrap import longest_unit

SHORT = 8  # a column whose cells are all this short is never wrapped (numbers, level words)
LONG_WORD = 24  # a word longer than this may be folded rather than push columns out


@dataclass(frozen=True)
class Fitted:
    """Which columns are shown, and how wide each is."""

    keep: list[int]  # indices of the columns shown, in order
    widths: list[int]  # per shown column
    dropped: list[int]  # indices of the optional columns left out


def measure(header: Sequence[str], rows: Sequence[Sequence[str]]) -> tuple[list[int], list[int]]:
    """Per column: the width it needs on one line, and the least it needs without breaking a
    word (a short column counts as one word)."""
    full = [cell_len(h) for h in header]
    floor = [min(longest_unit(h), LONG_WORD) for h in header]
    for row in rows:
        for i, cell in enumerate(row):
            n = cell_len(cell)
            full[i] = max(full[i], n)
            if n > floor[i]:
                word = longest_unit(cell)
                if word > floor[i]:
                    floor[i] = min(word, LONG_WORD)
    floor = [f if f <= SHORT else max(fl, 1) for f, fl in zip(full, floor, strict=True)]
    return full, floor


def fit(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    width: int,
    optional: Sequence[int] = (),
    overhead: tuple[int, int] = (0, 3),
) -> Fitted:
    """Widths for a table of ``width`` columns; ``optional`` lists the columns that may be
    left out, least useful first; ``overhead`` is (fixed, per column boundary) width taken by
    borders and padding."""
    full, floor = measure(header, rows)
    keep = list(range(len(header)))
    dropped: list[int] = []

    def room(cols: list[int]) -> int:
        return width - overhead[0] - overhead[1] * max(len(cols) - 1, 0)

    for i in optional:
        if sum(floor[k] for k in keep) <= room(keep):
            break
        if len(keep) > 1 and i in keep:
            keep.remove(i)
            dropped.append(i)
    space = room(keep)
    if sum(full[k] for k in keep) <= space:
        return Fitted(keep, [full[k] for k in keep], dropped)
    widths = _share(space, [floor[k] for k in keep], [full[k] for k in keep])
    return Fitted(keep, widths, dropped)


def _share(space: int, floor: list[int], full: list[int]) -> list[int]:
    """Each column its floor, the rest of ``space`` shared out fairly: a column that wants no
    more than an equal share gets all it wants (it stays on one line), the others share what is
    left in proportion to what they still want. When not even the floors fit, every column
    shrinks alike (the last resort folds words)."""
    if sum(floor) > space:
        return _shrink(space, floor)
    widths = list(floor)
    want = [f - m for f, m in zip(full, floor, strict=True)]
    spare = space - sum(floor)
    wanting = [i for i, w in enumerate(want) if w > 0]
    while wanting:
        small = [i for i in wanting if want[i] <= spare // len(wanting)]
        if not small:
            break
        for i in small:
            widths[i] += want[i]
            spare -= want[i]
            wanting.remove(i)
    wanted = sum(want[i] for i in wanting)
    if not wanted:
        return widths
    extra = {i: spare * want[i] // wanted for i in wanting}
    # the remainder goes to the columns that lost most to rounding, then the leftmost
    order = sorted(wanting, key=lambda i: (-(spare * want[i] % wanted), i))
    for i in order[: spare - sum(extra.values())]:
        extra[i] += 1
    for i, e in extra.items():
        widths[i] += e
    return widths


def _shrink(space: int, widths: list[int]) -> list[int]:
    out = list(widths)
    while sum(out) > space and max(out) > 1:
        widest = out.index(max(out))
        out[widest] -= 1
    return out
