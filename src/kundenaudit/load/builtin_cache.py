"""The cache file shipped beside a built-in catalog: its resolved form, as JSON text."""

from __future__ import annotations

from pathlib import Path

CACHE_SUFFIX = ".resolved.json"


def cache_path(catalog: Path) -> Path:
    """Where the cache of the built-in catalog at ``catalog`` lies (beside it)."""
    return catalog.with_name(catalog.stem + CACHE_SUFFIX)


def read_cache(catalog: Path) -> str | None:
    """The cache's text, or None when there is none (or it cannot be read): the catalog is then
    read and resolved as any other."""
    try:
        return cache_path(catalog).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
