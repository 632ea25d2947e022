"""Pick the renderer of `score` for a format; one customer gets a scorecard, many a portfolio."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kundenaudit.i18n import Lang
from kundenaudit.render import Format, score_csv, score_json, score_markdown, score_terminal
from kundenaudit.render.sections import Section, portfolio, scorecard, sort_customers
from kundenaudit.results import ResultDocument


@dataclass(frozen=True)
class ViewOptions:
    """How the result is shown."""

    lang: Lang = Lang.DE
    color: bool = False
    width: int | None = None
    delimiter: str = ","
    top: int | None = None
    detail: bool = False
    sort: str = "status"


def _sections(doc: ResultDocument, o: ViewOptions) -> list[Section]:
    if len(doc.customers) == 1:
        return scorecard(doc.customers[0], o.lang)
    return portfolio(doc, o.lang, o.top, o.detail, o.sort)


def _csv(doc: ResultDocument, o: ViewOptions) -> Iterable[str]:
    if len(doc.customers) == 1:
        return [score_csv.gaps(doc.customers[0], o.delimiter)]
    ordered = sort_customers(doc.customers, o.sort)[: o.top or None]
    return [score_csv.customers(ordered, o.delimiter)]


RENDERERS: dict[Format, Callable[[ResultDocument, ViewOptions], Iterable[str]]] = {
    Format.TABLE: lambda d, o: [score_terminal.render(_sections(d, o), o.lang, o.color, o.width)],
    Format.MARKDOWN: lambda d, o: [score_markdown.render(_sections(d, o))],
    Format.JSON: lambda d, o: score_json.render(d),
    Format.CSV: _csv,
}


def render(fmt: Format, doc: ResultDocument, options: ViewOptions) -> Iterable[str]:
    """The result in ``fmt``."""
    return RENDERERS[fmt](doc, options)
