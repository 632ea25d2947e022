"""Typed view cells: renderers style by what a cell is, never by parsing the text it shows."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from kundenaudit.model.catalog import Catalog
from kundenaudit.model.catalog_file import CatalogFile
from kundenaudit.model.diff import AuditInfo, CatalogRef, Diff, DiffPortfolio, ValueAtRisk
from kundenaudit.model.i18n import Lang
from kundenaudit.model.record import Delivery, Record
from kundenaudit.model.results import CatalogInfo, CustomerScore, ResultDocument
from kundenaudit.model.vocabulary import Ampel, Level, Status
from kundenaudit.render import (
    catalog_view,
    diff_text,
    portfolio_view,
    score_markdown,
    score_terminal,
    sections,
    terminal,
)
from kundenaudit.render import cells as c
from kundenaudit.render.cells import CellKind
from kundenaudit.score.catalog import resolve
from kundenaudit.score.catalogs import load_catalog
from kundenaudit.score.engine import score_customer
from tests.score.sums import aggregate

TODAY = dt.date(2026, 11, 27)
ANSI = re.compile(r"\x1b\[[0-9;]*m")
RED = "\x1b[1;37;41m"  # bold white on red: the style of the Ampel `rot`
GREEN = "\x1b[1;37;42m"


def _styled(out: str, word: str) -> str | None:
    """The SGR sequence that opens ``word`` in ``out`` (None: printed without a style)."""
    m = re.search(r"(\x1b\[[0-9;]*m)?" + re.escape(word), out)
    assert m is not None, f"{word!r} not in output"
    return m.group(1) if m.group(1) not in (None, "\x1b[0m") else None


def _record(cid: str, name: str, services: dict[str, Status], manager: str | None = None) -> Record:
    deliveries = {sid: Delivery(st) for sid, st in services.items()}
    return Record(
        id=cid, segment="standard", services=deliveries, name=name, manager=manager, audited=TODAY
    )


def test_service_cells_carry_their_id_and_show_the_ref_beside_it() -> None:
    cell = c.service("konf-12-2", "Konfiguration", "VK-4.2")
    assert (cell.text, cell.kind, cell.key) == (
        "konf-12-2 (VK-4.2): Konfiguration",
        CellKind.SERVICE,
        "konf-12-2",
    )
    assert c.service("wartung", None).text == "wartung"
    assert c.plain(c.line("a ", c.ampel("ROT", Ampel.ROT), " b")) == "a ROT b"


def test_a_name_that_reads_like_an_ampel_word_is_not_styled_as_one() -> None:
    cat, _ = load_catalog(None, TODAY)
    everything = dict.fromkeys(cat.services, Status.ERFUELLT)
    # the customer's name and manager are the Ampel's words; the old renderer matched cell
    # and line texts against those words and coloured them
    green = score_customer(cat, _record("K-1", "rot", everything, manager="ROT GmbH"), TODAY)
    assert green.status is Ampel.GRUEN
    card = score_terminal.render(sections.scorecard(green, Lang.DE), Lang.DE, True, 120)
    assert _styled(card, "GRÜN") == GREEN
    assert _styled(card, "ROT GmbH") is None
    red = score_customer(cat, _record("K-2", "grün", {}), TODAY)
    doc = _document(cat, [green, red])
    table = score_terminal.render(
        portfolio_view.portfolio(doc, Lang.DE, None, False), Lang.DE, True
    )
    row = next(ln for ln in table.splitlines() if "K-2" in ln)
    assert ANSI.sub("", row).split("│")[1].strip() == "grün"
    assert _styled(row, "grün") is None  # the name
    assert _styled(row, "rot") == RED  # the Ampel column


def _document(cat: Catalog, scores: list[CustomerScore]) -> ResultDocument:
    info = CatalogInfo(name=cat.spec.name, source=cat.spec.source)
    portfolio = aggregate(cat, scores)
    return ResultDocument(
        kundenaudit=1, catalog=info, today=TODAY, customers=scores, portfolio=portfolio
    )


def test_catalog_bolds_muss_levels_not_texts_that_start_with_muss() -> None:
    cf = CatalogFile.model_validate(
        {
            "kundenaudit": 1,
            "name": "K",
            "segments": [{"id": "s", "name": "S"}],
            "services": [
                {"id": "a", "name": "A", "category": "Mussfelder", "level": "kann", "action": "x"},
                {"id": "b", "name": "B", "category": "Sonstiges", "level": "muss", "action": "y"},
            ],
        }
    )
    view = catalog_view.build(resolve(cf), ["s"], Lang.DE)
    assert [cell.value for row in view.rows for cell in row[2:]] == [Level.KANN, Level.MUSS]
    out = terminal.catalog(view, Lang.DE, color=True)
    assert _styled(out, "Mussfelder") is None  # a category, not a level
    row_a, row_b = (next(ln for ln in out.splitlines() if f" {x}: " in ln) for x in "ab")
    assert _styled(row_b, "Muss") == "\x1b[1m"
    assert _styled(row_a, "Kann") is None


def test_next_steps_are_a_numbered_list_built_from_the_gaps() -> None:
    cat, _ = load_catalog(None, TODAY)
    red = score_customer(cat, _record("K-2", "X", {}), TODAY)
    steps = next(s for s in sections.scorecard(red, Lang.DE) if s.numbered)
    first = steps.lines[0]
    assert first[0].kind is CellKind.SERVICE and first[0].key == red.next_steps[0]
    action = next(g.action for g in red.gaps if g.service == red.next_steps[0])
    assert c.plain(first) == f"{first[0].text}: {action}"
    md = score_markdown.render([steps, dataclasses.replace(steps, numbered=False)])
    assert "\n1. " in md and "\n- " in md


def _diff(improved: list[str]) -> Diff:
    side = AuditInfo(today=TODAY, catalog=CatalogRef(name="K", sha256=None))
    portfolio = DiffPortfolio(
        transitions={o: dict.fromkeys(Ampel, 0) for o in Ampel},
        value_at_risk=ValueAtRisk(old=0.0, new=0.0, catalog=0.0, delivery=0.0),
        improved_by_catalog_only=improved,
    )
    return Diff(old=side, new=side, customers=[], portfolio=portfolio)


def test_diff_sections_know_whether_they_are_a_table() -> None:
    # a customer id that begins like a Markdown table row was taken for a table and left raw
    md = diff_text.markdown(_diff(["| *x* |", "K-2"]), Lang.DE)
    assert "\\| \\*x\\* \\|, K-2" in md
    assert "\n| *x* |" not in md
    text = diff_text.table(_diff(["\x1b[2JK-1"]), Lang.DE)
    assert "\\x1b[2JK-1" in text and "\x1b" not in text
