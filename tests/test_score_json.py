"""The compact JSON writer used for large portfolios encodes exactly what the readable one does."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from kundenaudit.delivery import Record
from kundenaudit.loading import customer_from_doc, load_catalog, read_documents
from kundenaudit.render.score_json import READABLE_LIMIT, CompactWriter, _num2, customer
from kundenaudit.results import CustomerScore
from kundenaudit.scoring import score_customer

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 27)


def example_scores() -> list[CustomerScore]:
    cat, _ = load_catalog(None, TODAY)
    scores = []
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        docs, sink = read_documents(path)
        for doc in docs:
            model = customer_from_doc(doc, sink)
            assert model is not None
            scores.append(score_customer(cat, Record.from_file(model, path.name, doc.line), TODAY))
    return scores


def test_compact_lines_equal_the_readable_encoding() -> None:
    writer = CompactWriter()
    scores = example_scores()
    assert any(s.gaps for s in scores)
    for s in scores:
        line = writer.customer(s)
        assert "\n" not in line
        decoded = json.loads(line)
        assert decoded == json.loads(json.dumps(customer(s)))
        assert list(decoded) == list(customer(s))  # same key order
        assert [list(g) for g in decoded["gaps"]] == [list(g) for g in customer(s)["gaps"]]


def test_large_portfolios_use_one_line_per_customer(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kundenaudit.cli import app

    docs = [
        f"kundenaudit: 1\ncustomer: {{id: K-{n:03d}, segment: standard}}\n"
        "services: {reklamation: erfuellt, angebot: teilweise}\n"
        for n in range(READABLE_LIMIT + 1)
    ]
    (tmp_path / "many.yaml").write_text("---\n".join(docs), encoding="utf-8")
    result = CliRunner().invoke(
        app, ["score", str(tmp_path / "many.yaml"), "--format", "json", "--today", "2026-11-27"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["customers"]) == READABLE_LIMIT + 1
    lines = result.stdout.splitlines()
    assert sum(1 for ln in lines if ln.startswith('    {"id":"K-')) == READABLE_LIMIT + 1


@given(st.floats(min_value=0, max_value=1000, allow_nan=False, allow_infinity=False))
def test_fast_number_format_equals_json_of_the_rounded_value(value: float) -> None:
    assert _num2(value) == json.dumps(round(value, 2))
