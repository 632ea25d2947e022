"""Pick the renderer of `score` for a format; one customer gets a scorecard, many a portfolio."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kundenaudit.model.i18n import Lang
from kundenaudit.model.options import SortKey
from kundenaudit.model.results import ResultDocument
from kundenaudit.render import Format

if TYPE_CHECKING:
    from kundenaudit.render.sections import Section


@dataclass(frozen=True)
class ViewOptions:
    """How the result is shown."""

    lang: Lang = Lang.DE
    color: bool = False
    width: int | None = None
    delimiter: str = ","
    top: int | None = None
    detail: bool = False
    sort: SortKey = SortKey.STATUS


# Renderers import their modules on use: JSON output needs neither rich nor tabulate.


def _sections(doc: ResultDocument, o: ViewOptions) -> list[Section]:
    from kundenaudit.render.sections import portfolio, scorecard  # noqa: PLC0415

    if len(doc.customers) == 1:
        return scorecard(doc.customers[0], o.lang)
    return portfolio(doc, o.lang, o.top, o.detail, o.sort)


def _table(doc: ResultDocument, o: ViewOptions) -> Iterable[str]:
    from kundenaudit.render import score_terminal  # noqa: PLC0415

    return [score_terminal.render(_sections(doc, o), o.lang, o.color, o.width)]


def _markdown(doc: ResultDocument, o: ViewOptions) -> Iterable[str]:
    from kundenaudit.render import score_markdown  # noqa: PLC0415

    return [score_markdown.render(_sections(doc, o))]


def _json(doc: ResultDocument, o: ViewOptions) -> Iterable[str]:
    from kundenaudit.render import score_json  # noqa: PLC0415

    return score_json.render(doc)


def _csv(doc: ResultDocument, o: ViewOptions) -> Iterable[str]:
    from kundenaudit.render import score_csv  # noqa: PLC0415
    from kundenaudit.render.sections import sort_customers  # noqa: PLC0415

    if len(doc.customers) == 1:
        return [score_csv.gaps(doc.customers[0], o.delimiter)]
    ordered = sort_customers(doc.customers, o.sort)[: o.top or None]
    return [score_csv.customers(ordered, o.delimiter)]


RENDERERS: dict[Format, Callable[[ResultDocument, ViewOptions], Iterable[str]]] = {
    Format.TABLE: _table,
    Format.MARKDOWN: _markdown,
    Format.JSON: _json,
    Format.CSV: _csv,
}


def render(fmt: Format, doc: ResultDocument, options: ViewOptions) -> Iterable[str]:
    """The result in ``fmt``."""
    return RENDERERS[fmt](doc, options)
