"""Cells of a worksheet as SpreadsheetML: a writer per column kind, text escaped."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass

from kundenaudit.render.xlsx_parts import SPECIAL, STYLE_INDEX, text

EPOCH = dt.date(1899, 12, 30)  # day 0 of Excel's 1900 date system (from March 1900 on)
CellWriter = Callable[[str, object], str]  # (reference, value) -> the cell's XML


@dataclass(frozen=True)
class Column:
    """A column: its header and the kind of its cells (text, ref, bool, or a number format's
    kind of xlsx_parts.NUMBER_FORMATS)."""

    header: str
    kind: str = "text"


def cell_writer(kind: str) -> CellWriter:
    """The XML of a cell of ``kind`` at a reference, from its value."""
    if kind in ("text", "ref"):
        start = f' s="{STYLE_INDEX["ref"]}"' if kind == "ref" else ""
        start += ' t="inlineStr"><is><t xml:space="preserve">'
        special = SPECIAL.search

        def string(ref: str, v: object) -> str:
            s = v if type(v) is str else str(v)
            return f'<c r="{ref}"{start}{s if special(s) is None else text(s)}</t></is></c>'

        return string
    if kind == "bool":
        return lambda ref, v: f'<c r="{ref}" t="b"><v>{int(bool(v))}</v></c>'
    style = STYLE_INDEX[kind]
    if kind == "date":
        return lambda ref, v: f'<c r="{ref}" s="{style}"><v>{_serial(v)}</v></c>'

    def number(ref: str, v: object) -> str:
        assert isinstance(v, int | float) and not isinstance(v, bool)
        if not math.isfinite(v):  # no number a spreadsheet can hold: left empty
            return ""
        return f'<c r="{ref}" s="{style}"><v>{v!r}</v></c>'

    return number


def _serial(value: object) -> int:
    assert isinstance(value, dt.date)
    day = value.date() if isinstance(value, dt.datetime) else value
    return (day - EPOCH).days


def shown(value: object) -> int:
    """About how many characters a cell shows."""
    if isinstance(value, bool):
        return 5
    if isinstance(value, int | float):
        return len(f"{value:,.2f}")
    if isinstance(value, dt.date):
        return 10
    return len(str(value))
