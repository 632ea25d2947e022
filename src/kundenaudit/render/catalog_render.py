"""The formats of the `catalog` command and their renderers: one registry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kundenaudit.model.i18n import Lang
from kundenaudit.render.formats import CatalogFormat  # this registry's enum (light, for the CLI)

if TYPE_CHECKING:
    from kundenaudit.model.catalog import Catalog


@dataclass(frozen=True, eq=False)
class Renderer:
    """A format of `catalog`: the matrix of the given segments as text (in colour, fitted to a
    terminal's width where it can), and the ``-o`` suffixes that choose it."""

    render: Callable[[Catalog, list[str], Lang, bool, int | None], str]
    suffixes: tuple[str, ...]


# Renderers import their modules on use: JSON output needs neither rich nor tabulate.


def _table(cat: Catalog, segments: list[str], lang: Lang, color: bool, width: int | None) -> str:
    from kundenaudit.render import catalog_view, terminal  # noqa: PLC0415

    return terminal.catalog(catalog_view.build(cat, segments, lang), lang, color, width)


def _markdown(cat: Catalog, segments: list[str], lang: Lang, color: bool, width: int | None) -> str:
    from kundenaudit.render import catalog_view, markdown  # noqa: PLC0415

    return markdown.catalog(catalog_view.build(cat, segments, lang))


def _json(cat: Catalog, segments: list[str], lang: Lang, color: bool, width: int | None) -> str:
    from kundenaudit.render import json_  # noqa: PLC0415

    return json_.catalog(cat, segments)


def _csv(cat: Catalog, segments: list[str], lang: Lang, color: bool, width: int | None) -> str:
    from kundenaudit.render import catalog_csv  # noqa: PLC0415

    return catalog_csv.catalog(cat, segments)


RENDERERS: dict[CatalogFormat, Renderer] = {
    CatalogFormat.TABLE: Renderer(_table, (".txt",)),
    CatalogFormat.MARKDOWN: Renderer(_markdown, (".md", ".markdown")),
    CatalogFormat.JSON: Renderer(_json, (".json",)),
    CatalogFormat.CSV: Renderer(_csv, (".csv",)),
}


def render(
    fmt: CatalogFormat,
    cat: Catalog,
    segments: list[str],
    lang: Lang,
    color: bool,
    width: int | None = None,
) -> str:
    """The catalog in ``fmt`` (``width``: the terminal's, None when not on one)."""
    return RENDERERS[fmt].render(cat, segments, lang, color, width)
