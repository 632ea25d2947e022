"""Numbers of the report: display text per language, and the machine value beside it."""

from __future__ import annotations

from kundenaudit.model.i18n import Lang
from kundenaudit.score.rules import rounded

DASH = "–"


def r2(value: float | None) -> float | None:
    """Two decimals, as the JSON result has them (SPEC §6)."""
    return None if value is None else rounded(value, 2)


def machine(value: float | int | None) -> str:
    """The value of a `<data>` element: the JSON result's number as JSON writes it."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    return repr(rounded(value, 2))


def number(value: float | int | None, lang: Lang, digits: int = 1) -> str:
    """``71,4`` / ``71.4``; thousands grouped (``250.000`` / ``250,000``)."""
    if value is None:
        return DASH
    text = f"{rounded(value, digits):,.{digits}f}"
    if lang is Lang.DE:
        text = text.translate(str.maketrans(",.", ".,"))
    return text


def percent(value: float | None, lang: Lang, digits: int = 1) -> str:
    """``71,4 %`` / ``71.4%``."""
    if value is None:
        return DASH
    return number(value, lang, digits) + ("\u202f%" if lang is Lang.DE else "%")


def money(value: float | None, lang: Lang) -> str:
    """A value without decimals, grouped."""
    return number(value, lang, 0)
