"""A large portfolio on the terminal: the summary first, at most 200 customer rows by default."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.runner import invoke
from tests.realdata import DIR as REAL
from tests.realdata import needs

TODAY = ["--today", "2026-11-27"]


@pytest.fixture
def many(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """250 customers of the built-in catalog, K-001 .. K-250, each with nothing assessed."""
    monkeypatch.setenv("NO_COLOR", "1")
    docs = [
        f"kundenaudit: 1\ncustomer: {{id: K-{i:03d}, segment: standard}}\naudited: 2026-11-20\n"
        "services: {}\n"
        for i in range(1, 251)
    ]
    path = tmp_path / "many.yaml"
    path.write_text("---\n".join(docs), encoding="utf-8")
    return path


def _customer_rows(out: str) -> list[str]:
    return [ln for ln in out.splitlines() if ln.startswith("K-")]


def test_the_table_shows_200_customers_after_the_summary(many: Path) -> None:
    code, out, err = invoke("score", str(many), "-f", "table", *TODAY)
    assert (code, err) == (0, "")
    assert len(_customer_rows(out)) == 200
    assert "200 von 250 Kunden gezeigt; --top N zeigt mehr, --top 0 alle" in out
    lines = out.splitlines()
    # the summary sections come before the customer table, the table is the last section
    first_row = lines.index(_customer_rows(out)[0])
    for heading in ("Nach Ampel", "Nach Segment", "Häufigste Lücken"):
        assert lines.index(heading) < first_row
    assert lines.index("Kunden") > lines.index("Erfüllung je Segment und Leistung")


def test_top_chooses_how_many_and_zero_shows_all(many: Path) -> None:
    code, out, _ = invoke("score", str(many), "-f", "table", "--top", "0", *TODAY)
    assert code == 0 and len(_customer_rows(out)) == 250 and "gezeigt" not in out
    code, out, _ = invoke("score", str(many), "-f", "table", "--top", "3", "--lang", "en", *TODAY)
    assert _customer_rows(out)[0].startswith("K-001")  # every index is 0: ties sort by id
    assert len(_customer_rows(out)) == 3 and "3 of 250 customers shown" in out


def test_markdown_keeps_every_customer_unless_top_is_given(many: Path) -> None:
    code, out, _ = invoke("score", str(many), "-f", "markdown", *TODAY)
    rows = [ln for ln in out.splitlines() if ln.startswith("| K-")]
    assert code == 0 and len(rows) == 250 and "gezeigt" not in out


@needs("telco.csv", "telco.catalog.yaml", "telco.mapping.yaml")
def test_telco_on_the_terminal_starts_with_its_summary() -> None:
    code, out, err = invoke(
        "score",
        str(REAL / "telco.csv"),
        "--catalog",
        str(REAL / "telco.catalog.yaml"),
        "-f",
        "table",
        *TODAY,
    )
    assert code == 0, err
    lines = out.splitlines()
    assert lines[1].startswith("Customers: 7043 · Mean index:")
    assert lines.index("By status") < 10  # was line 7,051: after every customer row
    assert "200 of 7043 customers shown; --top N for more, --top 0 for all" in out
    assert len(lines) < 300
