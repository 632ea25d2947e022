"""Terminal text breaks only where a reader expects it: never inside ``60 %`` or ``≥ 70 %``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.text import Text

from kundenaudit.load.inputs import gather
from kundenaudit.model.i18n import Lang
from kundenaudit.render import score_terminal, sections
from kundenaudit.render.wrap import longest_unit, units, wrap, wrap_text
from kundenaudit.score.catalogs import load_catalog
from kundenaudit.score.engine import score_customer

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 27)

TEXTS = [
    "Index: 74.8 · Abdeckung: Muss 100.0 % · Soll 40.0 % · Kann 12.5 %",
    "Status: GELB (Ziel nicht erreicht: Soll ≥ 70 % (Ist 40.0 %))",
    "lieferverzug_info: Information über Lieferverzögerungen teilweise (60 %)",
    "Deckungsbeitrag 1\u00a0820\u00a0000 bis 2027-12-31",
]


def test_units_keep_numbers_with_their_signs_and_labels() -> None:
    assert units("Soll ≥ 70 % (Ist 40.0 %)") == ["Soll", "≥ 70 %", "(Ist 40.0 %)"]
    assert units("Abdeckung: Muss 100.0 % · Kann 12.5 %") == [
        "Abdeckung:",
        "Muss 100.0 %",
        "·",
        "Kann 12.5 %",
    ]
    assert units("teilweise (60 %)") == ["teilweise", "(60 %)"]
    # a no-break space is no break; a plain space before a plain number is
    assert units("Wert 1\u00a0820\u00a0000 Stück") == ["Wert", "1\u00a0820\u00a0000", "Stück"]
    assert longest_unit("teilweise (60 %)\nMuss 100.0 %") == len("Muss 100.0 %")


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("width", range(19, 70, 3))
def test_wrapped_lines_fit_and_break_only_between_units(text: str, width: int) -> None:
    lines = wrap(text, width).split("\n")
    assert all(cell_len(line) <= width for line in lines)
    assert all(line == line.strip(" ") for line in lines)
    # no unit here is wider than 19 cells, so none is folded: the lines are whole units
    assert " ".join(lines) == text
    for line in lines:
        assert not line.startswith(("%", ")")) and not line.endswith(("≥", "("))


def test_a_unit_wider_than_the_line_is_folded() -> None:
    assert wrap("abcdefghijklmnop qr", 5) == "abcde\nfghij\nklmno\np qr"
    assert wrap("ÄÖÜ 日本語", 6) == "ÄÖÜ\n日本語"  # three wide characters are six cells
    assert wrap("日本語", 4) == "日本\n語"
    assert wrap("a  b   ", 3) == "a\nb"  # trailing spaces give no empty line
    assert wrap("x\n\ny z", 1) == "x\n\ny\nz"  # the text's own line breaks stay


def test_styled_text_keeps_its_styles_across_the_break() -> None:
    text = Text("Status: ")
    text.append("GELB", style="bold")
    text.append(" (Soll ≥ 70 %)")
    lines = wrap_text(text, 13)
    assert [line.plain for line in lines] == ["Status: GELB", "(Soll ≥ 70 %)"]
    assert [(s.start, s.end, s.style) for s in lines[0].spans] == [(8, 12, "bold")]
    assert lines[1].spans == []


@pytest.mark.parametrize("width", [60, 80, 200])
def test_the_scorecard_keeps_percentages_whole(width: int) -> None:
    cat, _ = load_catalog(None, TODAY)
    rec = gather([str(ROOT / "examples" / "gelb.yaml")], cat, None, None).records[0]
    card = sections.scorecard(score_customer(cat, rec, TODAY), Lang.DE)
    out = score_terminal.render(card, Lang.DE, False, width)
    assert max(cell_len(line) for line in out.splitlines()) <= width
    # the partial delivery's degree and the coverage of each level stay on one line
    for whole in ("(60 %)", "Muss 100.0 %", "Soll 40.0 %", "Kann 12.5 %", "Soll ≥ 70 %"):
        assert whole in out, whole
    assert not any(line.rstrip(" │").endswith(("(60", "Kann")) for line in out.splitlines())
