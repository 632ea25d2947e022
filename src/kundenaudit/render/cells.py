"""Typed view cells: the text a renderer shows, with the kind and value it was made from.

A renderer styles, aligns or drops a cell by what it is (an Ampel, a number, a level, a
service), never by parsing the text it shows (``"87.5 %"``, ``"Muss!"``, ``"id: name"``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from kundenaudit.model.vocabulary import Ampel, Level


class CellKind(str, enum.Enum):
    """What a cell shows."""

    TEXT = "text"
    NUMBER = "number"  # value: the float it shows rounded (None: a dash)
    PERCENT = "percent"  # value: the percentage it shows rounded (None: a dash)
    AMPEL = "ampel"  # value: the Ampel
    LEVEL = "level"  # value: the effective level (None: does not apply)
    SERVICE = "service"  # key: the service id; text ``id: name`` or ``id (ref): name``


CellValue = float | Ampel | Level | None


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell or one span of a line."""

    text: str
    kind: CellKind = CellKind.TEXT
    value: CellValue = None
    key: str | None = None  # SERVICE: the service id

    def __str__(self) -> str:
        return self.text


Line = tuple[Cell, ...]  # spans shown one after the other


def text(value: str) -> Cell:
    """Plain text."""
    return Cell(value)


def number(shown: str, value: float | None) -> Cell:
    """A number shown as ``shown``."""
    return Cell(shown, CellKind.NUMBER, value)


def percent(shown: str, value: float | None) -> Cell:
    """A percentage shown as ``shown`` (``87.5 %``)."""
    return Cell(shown, CellKind.PERCENT, value)


def ampel(shown: str, value: Ampel) -> Cell:
    """An Ampel shown by its word in the output language."""
    return Cell(shown, CellKind.AMPEL, value)


def level(shown: str, value: Level | None) -> Cell:
    """A level with its marks (``Muss*!``), or the word for does-not-apply."""
    return Cell(shown, CellKind.LEVEL, value)


def service(sid: str, name: str | None, ref: str | None = None) -> Cell:
    """A service: ``id: name``, with its outside reference beside the id where it has one."""
    label = sid + (f" ({ref})" if ref else "")
    return Cell(f"{label}: {name}" if name is not None else label, CellKind.SERVICE, key=sid)


def line(*parts: str | Cell) -> Line:
    """A line from plain strings and typed spans."""
    return tuple(p if isinstance(p, Cell) else Cell(p) for p in parts)


def plain(spans: Line) -> str:
    """The text of a line."""
    return "".join(c.text for c in spans)


Row = list[Cell]


def texts(row: Row) -> list[str]:
    """The texts of a row."""
    return [c.text for c in row]
