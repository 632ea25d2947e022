"""Reading the report's HTML back in tests: its machine values, links, sources and elements."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from typer.testing import CliRunner

from kundenaudit.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-27"


@dataclass
class Datum:
    """One ``<data>`` element and where it stands."""

    value: str
    key: str | None
    card: str | None  # data-id of the enclosing customer card
    row: str | None  # data-id of the enclosing customer-table row
    column: int  # cell index within that row


@dataclass
class Page:
    """What the tests read of a report page."""

    data: list[Datum] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    hrefs: list[str] = field(default_factory=list)
    srcs: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    metas: list[dict[str, str | None]] = field(default_factory=list)
    links: list[dict[str, str | None]] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)  # data-k of the customer table's heads
    rows: list[str] = field(default_factory=list)  # data-id of the customer table's rows
    attributes: list[str] = field(default_factory=list)  # every attribute name
    html_cards: list[str] = field(default_factory=list)  # data-id of the customer cards


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.card: str | None = None
        self.row: str | None = None
        self.cell = -1
        self.in_script = False
        self.in_table_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        p = self.page
        p.tags.append(tag)
        p.attributes += [k for k, _ in attrs]
        ident = a.get("id")
        if ident:
            p.ids.add(ident)

        if "href" in a:
            p.hrefs.append(a["href"] or "")
        if "src" in a:
            p.srcs.append(a["src"] or "")
        if tag == "meta":
            p.metas.append(a)
        if tag == "link":
            p.links.append(a)
        if tag == "script":
            self.in_script = True
            p.scripts.append("")
        if tag == "details" and a.get("data-id") is not None:
            self.card = a["data-id"]
            p.html_cards.append(a["data-id"] or "")
        if tag == "thead":
            self.in_table_head = True
        if tag == "th" and self.in_table_head and "data-k" in a:
            p.columns.append(a["data-k"] or "")
        if tag == "tr" and "data-id" in a:
            self.row, self.cell = a["data-id"], -1
            p.rows.append(a["data-id"] or "")
        if tag == "td" and self.row is not None:
            self.cell += 1
        if tag == "data":
            p.data.append(
                Datum(a.get("value") or "", a.get("data-k"), self.card, self.row, self.cell)
            )

    def handle_endtag(self, tag: str) -> None:
        if tag == "details":
            self.card = None
        if tag == "tr":
            self.row = None
        if tag == "thead":
            self.in_table_head = False
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script:
            self.page.scripts[-1] += data


def read(html: str) -> Page:
    """The parts of ``html`` that the tests check."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.page


def invoke(args: list[str]) -> tuple[int, str, str]:
    """Run the CLI in the repository root; exit code, stdout, stderr."""
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def write_report(out: Path, inputs: list[str], *extra: str) -> str:
    """``report INPUTS -o OUT`` with a fixed date; the page's text."""
    code, _, err = invoke(["report", *inputs, "-o", str(out), "--today", TODAY, *extra])
    assert code == 0, err
    return out.read_text(encoding="utf-8")
