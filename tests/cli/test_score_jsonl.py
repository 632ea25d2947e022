"""`score --format jsonl`: one customer per line, then the portfolio line; the JSON result's
content, line by line, valid against the published `result-line` schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from kundenaudit.model.schemas import SchemaName, json_schema
from tests.cli.runner import invoke

pytestmark = pytest.mark.usefixtures("in_root")

TODAY = ["--today", "2026-11-27"]


def test_lines_are_the_json_result_and_valid() -> None:
    code, out, err = invoke("score", "examples/", "--format", "jsonl", *TODAY)
    assert (code, err) == (0, "")
    assert out.endswith("\n") and "\r" not in out
    lines = out.split("\n")[:-1]
    # examples/ holds gruen, gelb, rot and a portfolio of further customers: one line each, +1
    _, json_out, _ = invoke("score", "examples/", "--format", "json", *TODAY)
    doc = json.loads(json_out)
    assert len(lines) == len(doc["customers"]) + 1
    parsed = [json.loads(line) for line in lines]
    assert parsed[:-1] == doc["customers"]
    del doc["customers"]
    assert parsed[-1] == doc  # kundenaudit, catalog, today, portfolio
    assert parsed[-1]["kundenaudit"] == 1 and "id" not in parsed[-1]
    validator = jsonschema.Draft202012Validator(json_schema(SchemaName.RESULT_LINE))
    for line in parsed:
        validator.validate(line)
    assert all(
        line == json.dumps(p, ensure_ascii=False, separators=(",", ":"))
        for line, p in zip(lines, parsed, strict=True)
    )  # compact, UTF-8 as is


def test_suffix_chooses_jsonl(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    code, out, err = invoke("score", "examples/rot.yaml", "-o", str(target), *TODAY)
    assert (code, out, err) == (0, "", "")
    first, last = target.read_text(encoding="utf-8").splitlines()
    assert json.loads(first)["status"] == "rot"
    assert json.loads(last)["portfolio"]["customers"] == 1


def test_gate_and_bad_input_as_for_json() -> None:
    gate = ("score", "examples/rot.yaml", "--fail-on", "rot", *TODAY)
    code, out, err = invoke(*gate, "--format", "jsonl")
    assert (code, len(out.splitlines())) == (1, 2)  # the customer and the portfolio line
    assert err == invoke(*gate, "--format", "json")[2]
    bad = ("score", "tests/data/bad_records/bad_date.yaml", *TODAY)
    code, out, err = invoke(*bad, "--format", "jsonl")
    assert (code, out) == (2, "")
    assert "bad_date.yaml:" in err and "Traceback" not in err
    assert err == invoke(*bad, "--format", "json")[2]


def test_workers_give_the_bytes_of_one_process(tmp_path: Path) -> None:
    """A generated portfolio split over worker processes: the same lines as one process."""
    import datetime as dt

    from kundenaudit.load.inputs import gather
    from kundenaudit.render.score_render import ScoreFormat, ViewOptions, render
    from kundenaudit.score import pipeline
    from kundenaudit.score import workers as forking
    from kundenaudit.score.catalogs import load_catalog

    today = dt.date(2026, 11, 27)
    cat, _ = load_catalog(None, today)
    statuses = ["erfuellt", "teilweise", "nicht_erfuellt", "offen"]
    rows = ["customer,name,segment,service,status"]
    for c in range(120):
        for i, sid in enumerate(cat.services):
            rows.append(f"K-{c:03d},Firma {c},standard,{sid},{statuses[(c * 7 + i) % 4]}")
    path = tmp_path / "p.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    records = gather([str(path)], cat, None, None).records

    def text(jobs: int) -> str:
        run = pipeline.Scoring(pipeline.Job(cat, today), records, jobs=jobs, min_part=1)
        chunks = render(ScoreFormat.JSONL, run, ViewOptions())
        return "".join(c if isinstance(c, str) else c.decode("utf-8") for c in chunks)

    one = text(1)
    assert len(one.splitlines()) == 121  # 120 customers, then the portfolio
    if forking.can_fork():
        assert text(3) == one
