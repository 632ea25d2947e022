"""Results do not depend on the order of services, segments and records in the files (SPEC §3,
last paragraph): the same bytes in every format and the same exit code of every gate."""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kundenaudit.cli.app import app
from tests.score.test_oracle import AUDIT, catalogs, records

TODAY = ["--today", "2026-12-01"]

ISSUE_CATALOG: dict[str, Any] = {
    "kundenaudit": 1,
    "name": "K",
    "segments": [{"id": "standard", "name": "Standard"}],
    "services": [
        {"id": "a", "name": "A", "level": "kann", "weight": 0.1},
        {"id": "b", "name": "B", "level": "kann", "weight": 0.1},
        {"id": "c", "name": "C", "level": "kann", "weight": 0.2},
    ],
}


def issue_record(degree: float) -> dict[str, Any]:
    return {
        "kundenaudit": 1,
        "customer": {"id": "K1", "segment": "standard"},
        "audited": AUDIT,
        "services": {
            "a": "erfuellt",
            "b": {"status": "teilweise", "degree": degree},
            "c": "erfuellt",
        },
    }


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # kundenaudit refuses aliases in its input files


def write(path: Path, *docs: dict[str, Any]) -> str:
    text = yaml.dump_all(docs, Dumper=_NoAliases, sort_keys=False, allow_unicode=True)
    path.write_text(text, "utf-8")
    return str(path)


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout


@pytest.mark.parametrize("order", [("a", "b", "c"), ("c", "a", "b")])
def test_the_issues_example_prints_81_3_in_both_orders(
    order: tuple[str, ...], tmp_path: Path
) -> None:
    by_id = {s["id"]: s for s in ISSUE_CATALOG["services"]}
    cat = write(tmp_path / "k.yaml", {**ISSUE_CATALOG, "services": [by_id[i] for i in order]})
    rec = write(tmp_path / "r.yaml", issue_record(0.25))
    # index = 100 * (0.1*1 + 0.1*0.25 + 0.2*1) / 0.4 = 100 * 0.325 / 0.4 = 81.25 exactly
    code, out = invoke("score", rec, "--catalog", cat, "--format", "markdown", *TODAY)
    assert code == 0
    assert "81.3" in out and "81.2" not in out
    code, out = invoke("score", rec, "--catalog", cat, "--format", "json", *TODAY)
    assert json.loads(out)["customers"][0]["index"] == 81.25  # two decimals: exact
    assert invoke("score", rec, "--catalog", cat, "--fail-under", "81.3", *TODAY)[0] == 0
    assert invoke("score", rec, "--catalog", cat, "--fail-under", "81.4", *TODAY)[0] == 1


@pytest.mark.parametrize(
    ("degree", "printed", "gate"),
    [
        (0.2498, "81.2", 1),  # 75 + 25 * 0.2498 = 81.245: just below the half
        (0.25, "81.3", 0),  # 81.25: the half, up
        (0.2502, "81.3", 0),  # 81.255: just above
        (0.2296, "80.7", 1),  # 80.74 -> 80.7
    ],
)
def test_the_gate_compares_the_printed_value(
    degree: float, printed: str, gate: int, tmp_path: Path
) -> None:
    cat = write(tmp_path / "k.yaml", ISSUE_CATALOG)
    rec = write(tmp_path / "r.yaml", issue_record(degree))
    code, out = invoke(
        "score", rec, "--catalog", cat, "--format", "csv", "--fail-under", "81.3", *TODAY
    )
    assert code == gate
    code, out = invoke("score", rec, "--catalog", cat, "--format", "markdown", *TODAY)
    assert f"| {printed} " in out or f": {printed} " in out, out


def shuffled(items: list[Any], rng: random.Random) -> list[Any]:
    out = list(items)
    rng.shuffle(out)
    return out


def permuted(cat: dict[str, Any], recs: list[dict[str, Any]], seed: int) -> tuple[Any, Any]:
    """The same catalog and records with services, segments, records and each record's
    services listed in another order."""
    rng = random.Random(seed)
    cat = {
        **cat,
        "services": shuffled(cat["services"], rng),
        "segments": shuffled(cat["segments"], rng),
    }
    recs = [{**r, "services": dict(shuffled(list(r["services"].items()), rng))} for r in recs]
    return cat, shuffled(recs, rng)


def outputs(tmp: Path, cat: dict[str, Any], recs: list[dict[str, Any]]) -> dict[str, Any]:
    catalog = write(tmp / "katalog.yaml", cat)
    inputs = write(tmp / "kunden.yaml", *recs)
    base = ["score", inputs, "--catalog", catalog, *TODAY]
    md = invoke(*base, "--format", "markdown", "--fail-under", "75")
    js = invoke(*base, "--format", "json", "--fail-on", "gelb")
    cs = invoke(*base, "--format", "csv", "--fail-on", "rot")
    doc = json.loads(js[1])
    doc["customers"].sort(key=lambda c: c["id"])  # customers are listed in input order
    rows = list(csv.reader(io.StringIO(cs[1])))
    return {
        "markdown": md,
        "json": (js[0], json.dumps(doc, ensure_ascii=False, indent=1)),
        "csv": (cs[0], rows[:1], sorted(rows[1:])),
    }


@st.composite
def portfolios(draw: st.DrawFn) -> tuple[dict[str, Any], list[dict[str, Any]], int]:
    cat = draw(catalogs())
    recs = draw(st.lists(records(cat), min_size=1, max_size=4))
    for i, rec in enumerate(recs):
        rec["customer"] = {**rec["customer"], "id": f"K{i}"}
    return cat, recs, draw(st.integers(0, 2**32))


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(case=portfolios())
def test_permuting_the_files_changes_no_output_and_no_gate(
    case: tuple[dict[str, Any], list[dict[str, Any]], int], tmp_path_factory: pytest.TempPathFactory
) -> None:
    cat, recs, seed = case
    one, two = tmp_path_factory.mktemp("one"), tmp_path_factory.mktemp("two")
    assert outputs(one, cat, recs) == outputs(two, *permuted(cat, recs, seed))
