"""`kundenaudit review` through the CLI: formats, fingerprints, --fail-on, --history, inputs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kundenaudit.render.review import RENDERERS
from kundenaudit.render.time_formats import ReviewFormat
from tests.cli.runner import ROOT, invoke

DATA = ROOT / "tests" / "data" / "review"
TODAY = ["--today", "2026-11-27"]


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    for src in DATA.glob("*.yaml"):
        shutil.copyfile(src, tmp_path / src.name)
    return tmp_path


# Expected by hand for --today 2026-11-27, review interval 365 days, due within 30 days:
#   reklamation reviewed 2025-12-01 -> due 2026-12-01, in 4 days: review-due
#   wartung 2025-11-20 -> due 2026-11-20, 7 days ago: review-overdue; portal: review-missing
#   vorab: competition standard but Soll in klein; beratung: competition none but Muss
#   K-1 audited 2025-11-26: 366 days ago > 365: audit-stale; wartung until 2026-11-26 < today:
#   expired; portal until 2026-12-27 = today + 30: expiring. K-2: wartung without until: open.
EXPECTED = [
    ("catalog.yaml", 20, "review-due"),
    ("catalog.yaml", 25, "review-overdue"),
    ("catalog.yaml", 26, "review-missing"),
    ("catalog.yaml", 35, "competition-mismatch"),
    ("catalog.yaml", 41, "competition-mismatch"),
    ("customers.yaml", 1, "audit-stale"),
    ("customers.yaml", 1, "exemption-expiring"),
    ("customers.yaml", 1, "exemption-expired"),
    ("customers.yaml", 9, "exemption-open"),
]


def findings(*args: str) -> list[dict[str, object]]:
    code, out, err = invoke("review", *args, "--format", "json")
    assert code == 0, err
    data: list[dict[str, object]] = json.loads(out)
    return data


def test_every_review_format_has_a_renderer() -> None:
    assert set(RENDERERS) == set(ReviewFormat)


def test_findings_with_positions_and_evidence(work: Path) -> None:
    found = findings("catalog.yaml", "customers.yaml", *TODAY)
    assert [(f["file"], f["line"], f["rule"]) for f in found] == EXPECTED
    assert found[1]["evidence"] == {"reviewed": "2025-11-20", "due": "2026-11-20", "days": -7}
    assert found[1]["severity"] == "warning" and found[0]["severity"] == "note"
    assert found[7]["evidence"] == {"reason": "eigene Werkstatt", "until": "2026-11-26"}
    assert "expired on 2026-11-26: it counts as offen" in str(found[7]["message"])


def test_text_and_summary(work: Path) -> None:
    code, out, err = invoke("review", "catalog.yaml", "customers.yaml", *TODAY)
    assert code == 0
    assert out.splitlines()[1] == (
        "catalog.yaml:25:15: warning: 'wartung' was last reviewed on 2025-11-20: review was due "
        "on 2026-11-20, 7 day(s) ago [review-overdue]"
    )
    assert err == "review: 2 customer(s), 0 earlier audit(s): 6 warning(s), 3 note(s)\n"


def test_markdown_and_github(work: Path) -> None:
    code, out, _ = invoke("review", "catalog.yaml", *TODAY, "--format", "markdown")
    assert code == 0 and out.startswith("# Review\n\n| Where")
    row = next(line for line in out.splitlines() if "review-overdue" in line)
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[:3] == ["catalog.yaml:25:15", "warning", "review-overdue"]
    code, out, _ = invoke("review", "catalog.yaml", *TODAY, "--format", "github")
    assert code == 0
    assert out.splitlines()[0].startswith(
        "::notice file=catalog.yaml,line=20,col=15,title=review-due::catalog.yaml:20:15: "
    )


def test_sarif_validates_and_fingerprints_ignore_lines_and_files(work: Path) -> None:
    from tests.render.test_validate_formats import assert_valid_sarif

    code, out, _ = invoke("review", "catalog.yaml", "customers.yaml", *TODAY, "-f", "sarif")
    assert code == 0
    log = json.loads(out)
    assert_valid_sarif(log)
    results = log["runs"][0]["results"]
    assert [r["level"] for r in results][:3] == ["note", "warning", "warning"]
    assert results[1]["properties"]["evidence"]["due"] == "2026-11-20"
    prints = [r["partialFingerprints"]["kundenaudit/v1"] for r in results]
    assert len(set(prints)) == len(prints)
    # the same catalog with lines moved and the records in another file: same fingerprints
    moved = "# a comment that moves every line\n\n" + Path("catalog.yaml").read_text("utf-8")
    Path("sub").mkdir()
    Path("sub/katalog.yaml").write_text(moved, encoding="utf-8")
    shutil.copyfile("customers.yaml", "sub/kunden.yaml")
    code, out, _ = invoke("review", "sub/katalog.yaml", "sub/kunden.yaml", *TODAY, "-f", "sarif")
    again = json.loads(out)["runs"][0]["results"]
    assert again[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 22
    assert [r["partialFingerprints"]["kundenaudit/v1"] for r in again] == prints


@pytest.mark.parametrize(
    ("rules", "code"),
    [
        ([], 0),
        (["drift-muss"], 0),
        (["review-overdue"], 1),
        (["drift-muss", "exemption-open"], 1),
    ],
)
def test_fail_on(work: Path, rules: list[str], code: int) -> None:
    args = [a for r in rules for a in ("--fail-on", r)]
    assert invoke("review", "catalog.yaml", "customers.yaml", *TODAY, *args)[0] == code


def test_an_unknown_rule_is_a_usage_error(work: Path) -> None:
    code, out, err = invoke("review", "catalog.yaml", "--fail-on", "review-late")
    assert (code, out) == (2, "")
    assert "review-late" in err


def test_catalog_option_and_the_built_in_catalog(work: Path) -> None:
    by_option = findings("customers.yaml", "--catalog", "catalog.yaml", *TODAY)
    assert [f["rule"] for f in by_option] == [rule for _, _, rule in EXPECTED]
    # the built-in catalog: two services overdue, one due soon (see catalogs/standard.yaml)
    built_in = findings(*TODAY)
    assert [(f["file"], f["rule"]) for f in built_in] == [
        ("<built-in>/standard.yaml", "review-due"),
        ("<built-in>/standard.yaml", "review-overdue"),
        ("<built-in>/standard.yaml", "review-overdue"),
    ]


def drifting(n: int, delivered: int, audited: str) -> str:
    docs = [
        f"kundenaudit: 1\ncustomer: {{id: K-{i}, segment: standard}}\naudited: {audited}\n"
        f"services: {{wartung: {'erfuellt' if i < delivered else 'nicht_erfuellt'}}}\n"
        for i in range(n)
    ]
    return "---\n".join(docs)


def snapshot(name: str, records: str, today: str) -> str:
    Path(f"{name}.yaml").write_text(records, encoding="utf-8")
    code, _, err = invoke(
        "score",
        f"{name}.yaml",
        "--catalog",
        "catalog.yaml",
        "--today",
        today,
        "-f",
        "json",
        "--snapshot",
        f"{name}.json",
    )
    assert code == 0, err
    Path(f"{name}.yaml").unlink()
    return f"{name}.json"


def test_drift_with_history_of_snapshots(work: Path) -> None:
    q2 = snapshot("q2", drifting(10, 6, "2026-05-20"), "2026-05-27")  # 60 %
    q3 = snapshot("q3", drifting(10, 9, "2026-08-20"), "2026-08-27")  # 90 %
    Path("now.yaml").write_text(drifting(10, 10, "2026-11-20"), encoding="utf-8")  # 100 %

    def drift(*history: str) -> list[dict[str, object]]:
        args = [a for h in history for a in ("--history", h)]
        found = findings("catalog.yaml", "now.yaml", *TODAY, *args)
        return [f for f in found if f["rule"] == "drift-muss"]

    assert len(drift()) == 1
    [one] = drift(q3)  # the last earlier audit shows 90 %: still a de-facto Muss
    assert one["evidence"] == {
        "segment": "standard",
        "level": "soll",
        "n": 10,
        "delivered": 10,
        "share": 100.0,
        "history": [90.0],
    }
    assert drift(q3, q2) == []  # given in any order: q2 (60 %) is one of the last two
    # the snapshot as the input itself (its own catalog)
    found = findings(q3, "--today", "2026-08-27")
    assert [f["rule"] for f in found if f["rule"] == "drift-muss"] == ["drift-muss"]


def test_bad_inputs_exit_2(work: Path) -> None:
    Path("bad.yaml").write_text(
        "kundenaudit: 1\ncustomer: {id: K-1, segment: nirgends}\n", encoding="utf-8"
    )
    code, out, err = invoke("review", "catalog.yaml", "bad.yaml", *TODAY)
    assert (code, out) == (2, "")
    assert err.startswith("bad.yaml:2:30: error: unknown segment 'nirgends'")
    code, out, err = invoke("review", "catalog.yaml", "--history", "customers.yaml")
    assert (code, out) == (2, "")
    assert err == (
        "kundenaudit: error: customers.yaml: --history takes snapshots (score --snapshot)\n"
    )
