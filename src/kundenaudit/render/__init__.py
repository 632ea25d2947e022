"""Renderers: one module per output format, chosen through one registry per command (the
format enum beside it: score_render.ScoreFormat; those of the other commands in light
modules, formats.py and time_formats.py, for a fast start)."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Protocol, TypeVar

E = TypeVar("E", bound=enum.Enum)


class HasSuffixes(Protocol):
    """A registry entry that names the ``-o`` suffixes choosing its format."""

    @property
    def suffixes(self) -> tuple[str, ...]: ...


def suffix_map(registry: Mapping[E, HasSuffixes]) -> dict[str, E]:
    """``-o`` suffix -> format, from a registry."""
    return {suffix: fmt for fmt, entry in registry.items() for suffix in entry.suffixes}


def choices(formats: Iterable[enum.Enum]) -> str:
    """``table, markdown, json or csv``: the values of a format enum, for help texts."""
    words = [str(f.value) for f in formats]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
