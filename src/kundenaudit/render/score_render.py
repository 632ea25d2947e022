"""The formats of `score` and their renderers: one registry, each entry reading a scoring run.

JSON and JSON Lines stream (each customer is written as it is scored, in worker processes
where it pays); the others need the whole portfolio (sorted, summed) and collect it first. One
customer gets a scorecard, many a portfolio.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kundenaudit.model.i18n import Lang
from kundenaudit.model.options import SortKey
from kundenaudit.model.vocabulary import Level

if TYPE_CHECKING:
    from kundenaudit.model.report import ReportMeta
    from kundenaudit.render.sections import Section
    from kundenaudit.score.pipeline import Encoder, EncoderFactory, Scoring


class ScoreFormat(str, enum.Enum):
    """Output formats of `score`."""

    TABLE = "table"
    MARKDOWN = "markdown"
    JSON = "json"
    CSV = "csv"
    HTML = "html"
    XLSX = "xlsx"
    JSONL = "jsonl"


@dataclass(frozen=True, kw_only=True, eq=False)
class ViewOptions:
    """How the result is shown."""

    lang: Lang = Lang.DE
    color: bool = False
    width: int | None = None
    delimiter: str = ","
    top: int | None = None  # None: the format's default (table: TABLE_TOP); 0: all
    detail: bool = False
    sort: SortKey = SortKey.STATUS
    report: ReportMeta | None = None  # the HTML page's sources and title
    levels: tuple[Level, ...] = ()  # gap tables: only these effective levels
    categories: tuple[str, ...] = ()  # gap tables: only these catalog categories


Chunks = Iterable[str | bytes]  # text, or bytes that are UTF-8 text already


@dataclass(frozen=True, kw_only=True, eq=False)
class Renderer:
    """A format of `score`: how it reads a run, the ``-o`` suffixes that choose it, whether it
    writes customers while they are scored (``streams``: nothing else may draw on the terminal
    meanwhile), and whether it applies ``--sort`` and ``--top`` (else it holds every customer
    in input order)."""

    render: Callable[[Scoring, ViewOptions], Chunks]
    suffixes: tuple[str, ...]
    streams: bool = False
    orders: bool = True
    binary: bool = False  # bytes that are no text: never written to a terminal
    narrows: bool = False  # its gap tables follow --level and --category
    # a streaming format's encoder of each customer's text in a portfolio of more than
    # score_json.READABLE_LIMIT customers (separators included), used while the inputs are read
    many: EncoderFactory | None = None


# Renderers import their modules on use: JSON output needs neither rich nor tabulate.


# rows of the main list (a portfolio's customers, a scorecard's gaps) the table format shows
# unless --top says otherwise: drawing thousands of rows on a terminal takes seconds and buries
# the summary; a line says how many were left out
TABLE_TOP = 200


def _sections(run: Scoring, o: ViewOptions, top: int | None) -> list[Section]:
    from kundenaudit.render.gap_view import GapView  # noqa: PLC0415
    from kundenaudit.render.portfolio_view import portfolio  # noqa: PLC0415
    from kundenaudit.render.sections import scorecard  # noqa: PLC0415

    doc = run.document()
    services = run.job.cat.services
    if len(doc.customers) == 1:
        return scorecard(doc.customers[0], o.lang, GapView(services, o.levels, o.categories, top))
    gaps = GapView(services, o.levels, o.categories)
    return portfolio(doc, o.lang, top, o.detail, o.sort, gaps)


def _table(run: Scoring, o: ViewOptions) -> Chunks:
    from kundenaudit.render import score_terminal  # noqa: PLC0415

    top = TABLE_TOP if o.top is None else o.top
    return [score_terminal.render(_sections(run, o, top), o.lang, o.color, o.width)]


def _markdown(run: Scoring, o: ViewOptions) -> Chunks:
    from kundenaudit.render import score_markdown  # noqa: PLC0415

    return [score_markdown.render(_sections(run, o, o.top))]


def _json(run: Scoring, o: ViewOptions) -> Iterator[str | bytes]:
    from kundenaudit.render import score_json  # noqa: PLC0415

    yield score_json.head(run.job.info, run.job.today)
    total = run.total
    yield from run.texts(lambda first: score_json.CustomerLines(total, first).next)
    yield score_json.tail(run.portfolio())


def _jsonl(run: Scoring, o: ViewOptions) -> Iterator[str | bytes]:
    from kundenaudit.render import score_jsonl  # noqa: PLC0415

    yield from run.texts(lambda _first: score_jsonl.CustomerLine())
    yield score_jsonl.summary(run.job.info, run.job.today, run.portfolio())


def _json_many(first: bool) -> Encoder:
    from kundenaudit.render import score_json  # noqa: PLC0415

    return score_json.CustomerLines(score_json.READABLE_LIMIT + 1, first).next


def _jsonl_many(_first: bool) -> Encoder:
    from kundenaudit.render import score_jsonl  # noqa: PLC0415

    return score_jsonl.CustomerLine()


def _csv(run: Scoring, o: ViewOptions) -> Chunks:
    from kundenaudit.render import score_csv  # noqa: PLC0415
    from kundenaudit.render.sections import sort_customers  # noqa: PLC0415

    ordered = sort_customers(run.document().customers, o.sort)[: o.top or None]
    layout = score_csv.gaps if o.detail else score_csv.customers
    return [layout(ordered, o.delimiter)]


def _html(run: Scoring, o: ViewOptions) -> Chunks:
    from kundenaudit.render.report import assemble, html  # noqa: PLC0415

    return [html.render(assemble.report_input(run, o.report, o.lang))]


def _xlsx(run: Scoring, o: ViewOptions) -> Chunks:
    from kundenaudit.render import score_xlsx  # noqa: PLC0415

    return [score_xlsx.render(run, o.lang)]


RENDERERS: dict[ScoreFormat, Renderer] = {
    ScoreFormat.TABLE: Renderer(render=_table, suffixes=(".txt",), narrows=True),
    ScoreFormat.MARKDOWN: Renderer(render=_markdown, suffixes=(".md", ".markdown"), narrows=True),
    ScoreFormat.JSON: Renderer(
        render=_json, suffixes=(".json",), streams=True, orders=False, many=_json_many
    ),
    ScoreFormat.CSV: Renderer(render=_csv, suffixes=(".csv",)),
    ScoreFormat.HTML: Renderer(render=_html, suffixes=(".html", ".htm")),
    ScoreFormat.XLSX: Renderer(render=_xlsx, suffixes=(".xlsx",), orders=False, binary=True),
    ScoreFormat.JSONL: Renderer(
        render=_jsonl, suffixes=(".jsonl",), streams=True, orders=False, many=_jsonl_many
    ),
}


def render(fmt: ScoreFormat, run: Scoring, options: ViewOptions) -> Chunks:
    """The result of ``run`` in ``fmt``."""
    return RENDERERS[fmt].render(run, options)
