"""Pick the renderer of the `catalog` command for a format."""

from __future__ import annotations

from collections.abc import Callable

from kundenaudit.model.catalog import Catalog
from kundenaudit.model.errors import UsageError
from kundenaudit.model.i18n import Lang
from kundenaudit.render import Format, catalog_view, json_, markdown, terminal

Renderer = Callable[[Catalog, list[str], Lang, bool], str]

RENDERERS: dict[Format, Renderer] = {
    Format.TABLE: lambda c, s, lang, color: terminal.catalog(catalog_view.build(c, s, lang), color),
    Format.MARKDOWN: lambda c, s, lang, color: markdown.catalog(catalog_view.build(c, s, lang)),
    Format.JSON: lambda c, s, lang, color: json_.catalog(c, s),
}


def render(fmt: Format, cat: Catalog, segments: list[str], lang: Lang, color: bool) -> str:
    """The catalog in ``fmt``; formats without a catalog view are a usage error."""
    if fmt not in RENDERERS:
        supported = ", ".join(f.value for f in RENDERERS)
        raise UsageError(f"'catalog' cannot be shown as {fmt.value}; use one of: {supported}")
    return RENDERERS[fmt](cat, segments, lang, color)
