"""Audit snapshots (SPEC §2.4): `score --snapshot`, scoring a snapshot, `validate`, the schema."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.cli.runner import ROOT, invoke

DATA = ROOT / "tests" / "data"
TIME = DATA / "time"
TODAY = ["--today", "2026-11-27"]


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def snapshot_of(work: Path, *inputs: str, extra: tuple[str, ...] = ()) -> tuple[str, Path]:
    """Score ``inputs`` as JSON with --snapshot; the JSON result and the snapshot's path."""
    snap = work / "audit.snapshot.json"
    code, out, err = invoke(
        "score", *inputs, *TODAY, "--format", "json", "--snapshot", str(snap), *extra
    )
    assert (code, err) == (0, ""), err
    return out, snap


@pytest.mark.parametrize(
    ("files", "extra"),
    [
        (["examples"], ()),  # YAML: eight customers in one file plus three single records
        (["old.customers.yaml"], ("--catalog", "old.catalog.yaml")),
        (["wide_mapped.csv"], ("--catalog", "catalog.yaml", "--mapping", "wide.mapping.yaml")),
        (["kunden.yaml"], ("--catalog", "metrics.catalog.yaml")),  # kpis, outcomes, costs
    ],
)
def test_round_trip_without_the_inputs_gives_the_same_json(
    work: Path, files: list[str], extra: tuple[str, ...]
) -> None:
    shutil.copytree(ROOT / "examples", work / "examples")
    for src in [*TIME.glob("*.yaml"), *(DATA / "csv").glob("*")]:
        shutil.copyfile(src, work / src.name)
    shutil.copyfile(DATA / "metrics" / "kunden.yaml", work / "kunden.yaml")
    shutil.copyfile(DATA / "metrics" / "catalog.yaml", work / "metrics.catalog.yaml")
    first, snap = snapshot_of(work, *files, extra=extra)
    for path in list(work.iterdir()):  # every input gone: only the snapshot is left
        if path != snap:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    code, again, err = invoke("score", snap.name, "--format", "json")
    assert (code, err) == (0, "")
    assert again == first  # byte-identical, --today taken from the snapshot
    if files == ["kunden.yaml"]:
        k1 = load(snap)["snapshot"]["records"][0]
        assert (k1["kpis"], k1["outcomes"]) == (
            {"deckungsbeitrag": 60000, "zufriedenheit": 3.5},
            {"churn": False},
        )


def test_a_large_portfolio_streams_into_the_snapshot(work: Path) -> None:
    docs = [
        f"kundenaudit: 1\ncustomer: {{id: K-{i:03d}, segment: standard}}\naudited: 2026-11-20\n"
        f"services: {{angebot: erfuellt, reklamation: {'erfuellt' if i % 3 else 'nicht'}}}\n"
        for i in range(120)  # beyond the 50 customers up to which the JSON is indented
    ]
    (work / "many.yaml").write_text("---\n".join(docs), encoding="utf-8")
    first, snap = snapshot_of(work, "many.yaml")
    assert load(snap)["result"] == json.loads(first)
    (work / "many.yaml").unlink()
    assert invoke("score", snap.name, "--format", "json")[1] == first


def test_the_snapshot_holds_catalog_inputs_records_and_result(work: Path) -> None:
    shutil.copyfile(TIME / "old.catalog.yaml", "old.catalog.yaml")
    shutil.copyfile(TIME / "old.customers.yaml", "old.customers.yaml")
    out, snap = snapshot_of(work, "old.customers.yaml", extra=("--catalog", "old.catalog.yaml"))
    body = load(snap)["snapshot"]
    assert body["today"] == "2026-11-27"
    assert body["catalog"]["document"]["name"] == "Testkatalog alt"
    # defaults filled in: weights 3/2/1, service weight 1, review thresholds 30 days, 80 %, 10
    assert body["catalog"]["document"]["weights"] == {"muss": 3, "soll": 2, "kann": 1}
    assert body["catalog"]["document"]["services"][1]["weight"] == 1
    assert body["catalog"]["document"]["review"] == {
        "due_within_days": 30,
        "drift": {"share": 80, "min_customers": 10},
    }
    import hashlib

    sha = hashlib.sha256((TIME / "old.catalog.yaml").read_bytes()).hexdigest()
    assert body["catalog"]["sha256"] == sha
    data_sha = hashlib.sha256((TIME / "old.customers.yaml").read_bytes()).hexdigest()
    assert body["inputs"] == [{"path": "old.customers.yaml", "sha256": data_sha}]
    k1, k2 = body["records"]
    assert k1["services"]["wartung"] == {
        "status": "teilweise",
        "degree": 0.25,
        "note": "nur halbjährlich",
        "evidence": "Protokoll 7",
        "date": "2026-06-01",
    }
    assert k1["customer"] == {
        "id": "K-1",
        "name": "Alpha GmbH",
        "segment": "standard",
        "value": 1000,
    }
    assert k2["audited"] == "2026-11-27"  # no audit date: today, frozen in the snapshot
    assert k2["services"]["beschwerde"]["until"] == "2026-09-30"
    # K-1: (3*2*1 + 2*1*0.25) / (3*2 + 2*1) = 6.5/8 = 81.25; K-2: exemption expired -> 0
    assert [c["index"] for c in load(snap)["result"]["customers"]] == [81.25, 0.0]
    assert load(snap)["result"] == json.loads(out)


def test_an_old_snapshot_scores_under_a_new_catalog_with_renamed_services(work: Path) -> None:
    shutil.copyfile(TIME / "old.catalog.yaml", "old.catalog.yaml")
    shutil.copyfile(TIME / "old.customers.yaml", "old.customers.yaml")
    _, snap = snapshot_of(work, "old.customers.yaml", extra=("--catalog", "old.catalog.yaml"))
    code, out, err = invoke(
        "score", snap.name, "--catalog", str(TIME / "renamed.catalog.yaml"), "--format", "json"
    )
    assert (code, err) == (0, "")  # beschwerde is reklamation's previous id: no unknown service
    result = json.loads(out)
    assert result["catalog"]["name"] == "Testkatalog neu"
    # K-1 delivered beschwerde, now reklamation (Muss, weight 2): still 6.5/8 = 81.25
    assert result["customers"][0]["index"] == 81.25
    assert result["customers"][1]["gaps"][0]["service"] == "reklamation"


def test_a_snapshot_is_never_written_onto_an_input_or_the_result(work: Path) -> None:
    shutil.copyfile(ROOT / "examples" / "rot.yaml", "rot.yaml")
    _, snap = snapshot_of(work, "rot.yaml")
    before = snap.read_bytes()
    code, out, err = invoke("score", snap.name, "--snapshot", snap.name)
    assert (code, out) == (2, "")
    assert err == f"kundenaudit: error: {snap.name}: refusing to overwrite an input file\n"
    code, out, err = invoke("score", "rot.yaml", "-o", "r.md", "--snapshot", "r.md")
    assert (code, out) == (2, "")
    assert err == "kundenaudit: error: r.md: --snapshot and -o name the same file\n"
    assert snap.read_bytes() == before and not Path("r.md").exists()


def test_a_bad_record_writes_no_snapshot(work: Path) -> None:
    Path("bad.yaml").write_text(
        "kundenaudit: 1\ncustomer: {id: K-1, segment: nirgends}\n", encoding="utf-8"
    )
    code, out, err = invoke("score", "bad.yaml", "--snapshot", "s.json")
    assert (code, out) == (2, "")
    assert "unknown segment 'nirgends'" in err
    assert list(work.iterdir()) == [work / "bad.yaml"]


def test_validate_recognises_a_snapshot_and_locates_its_problems(work: Path) -> None:
    shutil.copyfile(ROOT / "examples" / "rot.yaml", "rot.yaml")
    _, snap = snapshot_of(work, "rot.yaml")
    code, out, err = invoke("validate", snap.name, "--strict")
    assert (code, out, err) == (0, "", "1 file(s) checked: 0 error(s), 0 warning(s)\n")
    text = snap.read_text(encoding="utf-8")
    lines = text.split("\n")
    record_line = next(i for i, ln in enumerate(lines) if '"customer": {"id": "K-20981"' in ln)
    bad = text.replace('"segment": "gelegenheitskunde"', '"segment": "gelegenheit"')
    Path("bad.json").write_text(bad, encoding="utf-8")
    code, out, err = invoke("validate", "bad.json", "--format", "json")
    assert code == 1
    [finding] = json.loads(out)
    assert (finding["line"], finding["rule"]) == (record_line + 1, "unknown-segment")
    assert finding["path"] == "snapshot.records[0].customer.segment"
    code, out, err = invoke("score", "bad.json")
    assert (code, out) == (2, "")
    assert "unknown segment 'gelegenheit'" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"kundenaudit": 1}', "not a snapshot: expected a JSON object with a 'snapshot' key"),
        ("[1, 2]", "not a snapshot: expected a JSON object with a 'snapshot' key"),
        ('{"kundenaudit": 1, "snapshot": {}, "result": {}}', "missing required key 'created'"),
        ("{not json", "not valid JSON (Expecting property name enclosed in double quotes)"),
    ],
)
def test_what_is_not_a_snapshot_says_so(work: Path, content: str, message: str) -> None:
    Path("x.json").write_text(content, encoding="utf-8")
    code, out, err = invoke("score", "x.json")
    assert (code, out) == (2, "")
    assert err.startswith("x.json:") and message in err, err


def test_snapshot_schema_is_committed_and_fits_a_written_snapshot(work: Path) -> None:
    code, out, err = invoke("schema", "snapshot")
    assert (code, err) == (0, "")
    assert (ROOT / "schemas" / "snapshot.schema.json").read_text(encoding="utf-8") == out, (
        "regenerate it: kundenaudit schema snapshot > schemas/snapshot.schema.json"
    )
    schema = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(schema)
    shutil.copytree(ROOT / "examples", work / "examples")
    _, snap = snapshot_of(work, "examples")
    jsonschema.Draft202012Validator(schema).validate(load(snap))
