"""Cells of an XLSX sheet: references, number formats, dates and the text of string items."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_REF = re.compile(r"([A-Z]{1,3})(\d+)$")
_NOT_A_PLACEHOLDER = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
BUILTIN_DATES = frozenset({*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)})
MAX_SERIAL = 2958466  # 9999-12-31 + 1


class WorkbookError(Exception):
    """The workbook cannot be read; ``part`` names the zip member at fault."""

    def __init__(self, message: str, part: str = "") -> None:
        super().__init__(message)
        self.part = part


def local(tag: str) -> str:
    """An XML name without its namespace."""
    return tag.rsplit("}", 1)[-1]


def attr(elem: Any, name: str) -> str | None:
    """An attribute by local name, whatever its namespace (r:id, strict OOXML, ...)."""
    for key, value in elem.attrib.items():
        if local(key) == name:
            return str(value)
    return None


def hidden(elem: Any) -> bool:
    return attr(elem, "state") in ("hidden", "veryHidden")


def item_text(elem: Any) -> str:
    """The text of a string item: its ``t`` elements, phonetic runs (``rPh``) left out."""
    parts: list[str] = []
    for child in elem:
        name = local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts += [t.text or "" for t in child if local(t.tag) == "t"]
    return "".join(parts)


def is_date_format(code: str) -> bool:
    """Whether a number format shows a date or time (d, m, y, h, s outside quotes)."""
    bare = _NOT_A_PLACEHOLDER.sub("", code.split(";", 1)[0]).lower()
    return any(ch in bare for ch in "dmyhs") and "general" not in bare


def number_text(v: str, is_date: bool, date1904: bool) -> str:
    """A numeric cell as text: an ISO date where its format is a date, else the number."""
    try:
        number = float(v)
    except ValueError:
        return v
    if is_date and 0 <= number < 2958466:  # up to 9999-12-31
        day = int(number)
        if date1904:
            base = dt.datetime(1904, 1, 1)
        else:  # Excel counts 1900-02-29, which never was
            base = dt.datetime(1899, 12, 30) if day >= 60 else dt.datetime(1899, 12, 31)
        moment = base + dt.timedelta(days=number)
        moment = moment.replace(microsecond=0)
        return moment.date().isoformat() if number == day else moment.isoformat()
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return repr(number)


def cell_column(ref: str) -> int:
    """The 1-based column of a cell reference (``F12`` -> 6)."""
    match = _REF.match(ref.upper())
    if match is None:
        raise WorkbookError(f"damaged workbook: bad cell reference {ref!r}")
    col = 0
    for ch in match.group(1):
        col = col * 26 + ord(ch) - 64
    return col


def column_letters(col: int) -> str:
    """``6`` -> ``F``, ``28`` -> ``AB``."""
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
