"""The `report` command: outputs by suffix, options, user errors (exit 2, nothing written)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kundenaudit.cli.report import sources
from kundenaudit.load.inputs import Gathered
from kundenaudit.model.i18n import Lang
from kundenaudit.model.report import SourceRole
from kundenaudit.model.report_texts import rt
from kundenaudit.score.catalogs import CatalogSource
from tests import realdata
from tests.render.report_html import TODAY, invoke, read, write_report

ROOT = Path(__file__).resolve().parents[2]
REAL = realdata.DIR


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_a_suffix_that_is_no_report_format_is_a_usage_error(tmp_path: Path) -> None:
    out = tmp_path / "bericht.pdf"
    code, stdout, err = invoke(["report", "examples/", "-o", str(out)])
    assert (code, stdout) == (2, "")
    assert "a report is .html, .htm or .md, not '.pdf'" in err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_the_output_file_is_required() -> None:
    code, _, err = invoke(["report", "examples/"])
    assert code == 2
    assert "--output" in err


def test_the_report_never_overwrites_an_input(tmp_path: Path) -> None:
    # a customer record named k.html is a valid input (YAML by content), and -o names it too
    target = tmp_path / "k.html"
    original = (ROOT / "examples" / "rot.yaml").read_bytes()
    target.write_bytes(original)
    code, _, err = invoke(["report", str(target), "-o", str(target)])
    assert code == 2
    assert "refusing to overwrite an input file" in err
    assert target.read_bytes() == original


def test_a_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = invoke(["report", "nichtda.yaml", "-o", str(tmp_path / "r.html")])
    assert code == 2
    assert "nichtda.yaml" in err
    assert list(tmp_path.iterdir()) == []


def test_htm_is_html_and_md_is_markdown(tmp_path: Path) -> None:
    assert write_report(tmp_path / "r.htm", ["examples/rot.yaml"]).startswith("<!DOCTYPE html>")
    md = write_report(tmp_path / "r.md", ["examples/portfolio.yaml"])
    assert md.startswith("# Kundenaudit-Bericht\n")
    assert "| K-30005 " in md


def test_cards_are_capped_with_a_line_saying_how_many_were_left_out(tmp_path: Path) -> None:
    # examples/portfolio.yaml: 2 rot + 3 gelb = 5 cards; at most 2 leaves 3 out
    html = write_report(tmp_path / "r.html", ["examples/portfolio.yaml"], "--max-cards", "2")
    page = read(html)
    assert page.html_cards == ["K-30005", "K-30002"]  # the worst first: rot by index
    assert "3 weitere rote und gelbe Kunden ohne Karte (höchstens 2 Karten)." in html
    assert len(page.rows) == 8  # every customer stays in the table


def test_customer_patterns_choose_customers(tmp_path: Path) -> None:
    html = write_report(
        tmp_path / "r.html", ["examples/portfolio.yaml"], "--customer", "K-3000[12]"
    )
    assert sorted(read(html).rows) == ["K-30001", "K-30002"]
    code, _, err = invoke(
        ["report", "examples/", "-o", str(tmp_path / "x.html"), "--customer", "X-*"]
    )
    assert code == 2
    assert "no customer matches --customer X-*" in err


def test_title_and_language(tmp_path: Path) -> None:
    html = write_report(
        tmp_path / "r.html", ["examples/portfolio.yaml"], "--lang", "en", "--title", "Audit Q4"
    )
    assert '<html lang="en">' in html
    assert "<title>Audit Q4</title>" in html
    assert '<data value="84.34" data-k="portfolio.index_mean">84.3</data>' in html


def test_score_writes_the_page_by_format_or_suffix(tmp_path: Path) -> None:
    out = tmp_path / "p.html"
    code, stdout, err = invoke(
        ["score", "examples/portfolio.yaml", "-o", str(out), "--today", TODAY]
    )
    assert (code, stdout) == (0, ""), err
    assert len(read(out.read_text(encoding="utf-8")).rows) == 8
    code, stdout, _ = invoke(["score", "examples/gruen.yaml", "-f", "html", "--today", TODAY])
    assert code == 0
    assert stdout.startswith("<!DOCTYPE html>")
    assert "Kundenaudit: Scorecard" in stdout


@realdata.needs("telco.csv", "telco.mapping.yaml", "telco.catalog.yaml")
def test_the_telco_report_is_a_few_mb_with_every_customer_and_capped_cards(
    tmp_path: Path,
) -> None:
    out = tmp_path / "telco.html"
    started = time.perf_counter()
    html = write_report(
        out,
        [str(REAL / "telco.csv")],
        "--mapping",
        str(REAL / "telco.mapping.yaml"),
        "--catalog",
        str(REAL / "telco.catalog.yaml"),
    )
    elapsed = time.perf_counter() - started
    assert elapsed < 120  # a generous bound for a loaded machine; benchmarks measure it
    assert out.stat().st_size < 8 * 2**20
    page = read(html)
    assert len(page.rows) == 7043
    assert len(page.html_cards) == 200
    assert "more red and amber customers without a card (at most 200 cards)." in html


def test_sources_name_their_role_with_the_enum(tmp_path: Path) -> None:
    # a CSV export with its mapping beside it: the catalog, the mapping, the export
    export, beside = tmp_path / "e.csv", tmp_path / "e.mapping.yaml"
    export.write_text("id\n", encoding="utf-8")
    beside.write_text("kundenaudit: 1\n", encoding="utf-8")
    gathered = Gathered(inputs=[(str(export), "0" * 64)])
    found = sources(CatalogSource(display="c.yaml", sha256="1" * 64), None, gathered)
    assert [type(s.role) for s in found] == [SourceRole] * 3
    assert [s.role for s in found] == [SourceRole.CATALOG, SourceRole.MAPPING, SourceRole.INPUT]
    # every role has its label in both languages, and the label key is built from the word
    for role in SourceRole:
        assert f"role.{role}" == f"role.{role.value}"
        assert rt(f"role.{role}", Lang.DE) != rt(f"role.{role}", Lang.EN)
