"""Scalars of a parsed YAML document read as the file models read them, where that is plain.

The plain readers (``record_plain``, ``catalog_plain``) build what the file models would give for
a plainly valid document and raise ``Decline`` for anything else, so that the model reads it and
reports what is wrong as it always has."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from kundenaudit.model.limits import ID_PATTERN
from kundenaudit.model.vocabulary import PlainYaml11Word


class Decline(Exception):
    """Not plainly valid: the file model reads the document, and reports what is wrong."""


# Numbers and dates only as plainly written. The file models read more forms (" 5", "05",
# "1_000", "1e3", a date with a midnight time); those, where their reading and Python's could
# part, go to them. Python's float() and pydantic's both round correctly, so these agree.
NUMBER = re.compile(r"-?(?:0|[1-9][0-9]{0,15})(?:\.[0-9]{1,17})?").fullmatch
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}").fullmatch
ID = re.compile(ID_PATTERN).fullmatch  # fullmatch: no newline after the id either


def text(raw: Any) -> str | None:
    """A text or None as the models read it (a str subclass becomes a plain str)."""
    if raw is None or raw.__class__ is str:
        return raw
    if raw.__class__ is PlainYaml11Word:
        return str(raw)  # pydantic gives a plain str for a str subclass
    raise Decline


def number(raw: Any, low: float, high: float) -> float:
    """A plainly written number within [low, high]."""
    if raw.__class__ is not str or not NUMBER(raw):
        raise Decline
    value = float(raw)
    if not low <= value <= high:
        raise Decline
    return value


def date(raw: Any) -> dt.date | None:
    """A YYYY-MM-DD date of a real day, or None."""
    if raw is None:
        return None
    if raw.__class__ is not str or not DATE(raw):
        raise Decline
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:  # no such day (2026-02-30, year 0)
        raise Decline from None
