"""`kundenaudit score` through the CLI: exit codes, gates, output files, bad records."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from kundenaudit.model.schemas import SchemaName, json_schema
from tests.cli.runner import ROOT, invoke

pytestmark = pytest.mark.usefixtures("in_root")

BAD = Path(__file__).parent.parent / "data" / "bad_records"
TODAY = ["--today", "2026-11-27"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kundenaudit", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


@pytest.mark.parametrize("case", sorted(p.stem for p in BAD.glob("*.yaml")))
def test_bad_record_exits_2_with_located_message(case: str) -> None:
    path = f"tests/data/bad_records/{case}.yaml"
    code, out, err = invoke("score", path, *TODAY)
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    for line in (BAD / f"{case}.expected").read_text(encoding="utf-8").splitlines():
        position, _, message = line.partition(": ")
        assert f"{path}:{position}: error: " in err, err
        assert message in err, err


def test_json_output_validates_against_the_published_schema() -> None:
    code, out, _ = invoke("score", "examples/", "--format", "json", *TODAY)
    assert code == 0
    data = json.loads(out)
    jsonschema.Draft202012Validator(json_schema(SchemaName.RESULT)).validate(data)
    # 11 YAML records, and the 7 customers of the CRM export scored with the mapping beside it
    assert data["portfolio"]["customers"] == 18
    assert {c["id"] for c in data["customers"]} >= {"K-10023", "K-10417", "K-20981", "K-40007"}


def test_fail_on_rot_and_gelb() -> None:
    assert invoke("score", "examples/gruen.yaml", "--fail-on", "rot", *TODAY)[0] == 0
    assert invoke("score", "examples/gruen.yaml", "--fail-on", "gelb", *TODAY)[0] == 0
    assert invoke("score", "examples/gelb.yaml", "--fail-on", "rot", *TODAY)[0] == 0
    assert invoke("score", "examples/gelb.yaml", "--fail-on", "gelb", *TODAY)[0] == 1
    assert invoke("score", "examples/rot.yaml", "--fail-on", "rot", *TODAY)[0] == 1


def test_fail_on_takes_the_english_words_too() -> None:
    # gelb.yaml is gelb, rot.yaml rot (SPEC §4: --fail-on red|amber)
    assert invoke("score", "examples/gelb.yaml", "--fail-on", "red", *TODAY)[0] == 0
    code, _, err = invoke("score", "examples/gelb.yaml", "--fail-on", "amber", *TODAY)
    assert code == 1
    assert err.endswith("gate failed: 1 customer(s)\n  K-10417: gelb (--fail-on amber)\n")
    assert invoke("score", "examples/rot.yaml", "--fail-on", "red", *TODAY)[0] == 1
    assert invoke("score", "examples/gruen.yaml", "--fail-on", "amber", *TODAY)[0] == 0


def test_fail_under_compares_the_printed_value() -> None:
    # gelb.yaml: index 74.85 (24.7/33 = 0.748484...), printed 74.8
    assert invoke("score", "examples/gelb.yaml", "--fail-under", "74.8", *TODAY)[0] == 0
    assert invoke("score", "examples/gelb.yaml", "--fail-under", "74.85", *TODAY)[0] == 1
    assert invoke("score", "examples/gelb.yaml", "--fail-under", "74.9", *TODAY)[0] == 1


def test_unknown_service_warns_and_strict_makes_it_an_error(tmp_path: Path) -> None:
    rec = tmp_path / "k.yaml"
    rec.write_text(
        "kundenaudit: 1\ncustomer: {id: K-9, segment: standard}\n"
        "services:\n  reklamation: erfuellt\n  reklamaton: erfuellt\n",
        encoding="utf-8",
    )
    code, out, err = invoke("score", str(rec), "--format", "json", *TODAY)
    assert code == 0
    assert "5:3: warning: service 'reklamaton' is not in the catalog" in err
    assert "did you mean 'reklamation'?" in err
    assert json.loads(out)["customers"][0]["id"] == "K-9"
    code, out, err = invoke("score", str(rec), "--strict", *TODAY)
    assert code == 2
    assert out == ""
    assert "5:3: error: service 'reklamaton'" in err


def test_output_file_is_written_and_inputs_are_never_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    code, out, _ = invoke("score", "examples/rot.yaml", "-o", str(target), *TODAY)
    assert code == 0
    assert out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["customers"][0]["status"] == "rot"
    copy = tmp_path / "rot.yaml"
    original = (ROOT / "examples" / "rot.yaml").read_bytes()
    copy.write_bytes(original)
    code, _, err = invoke("score", str(copy), "-f", "json", "-o", str(copy), *TODAY)
    assert code == 2
    assert "refusing to overwrite an input file" in err
    assert copy.read_bytes() == original


def test_written_results_get_ordinary_permissions(tmp_path: Path) -> None:
    old_umask = os.umask(0o027)
    try:
        new = tmp_path / "new.md"
        assert invoke("score", "examples/rot.yaml", "-o", str(new), *TODAY)[0] == 0
        assert stat.S_IMODE(new.stat().st_mode) == 0o640  # 0o666 less the umask, not private
        kept = tmp_path / "kept.md"
        kept.write_text("old\n", encoding="utf-8")
        kept.chmod(0o604)
        assert invoke("score", "examples/rot.yaml", "-o", str(kept), *TODAY)[0] == 0
        assert stat.S_IMODE(kept.stat().st_mode) == 0o604  # a replaced file keeps its mode
        assert kept.read_text(encoding="utf-8") != "old\n"
    finally:
        os.umask(old_umask)


def test_failed_run_leaves_existing_output_untouched(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("previous report\n", encoding="utf-8")
    code, _, _ = invoke("score", "tests/data/bad_records/unknown_status.yaml", "-o", str(target))
    assert code == 2
    assert target.read_text(encoding="utf-8") == "previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


def test_segment_override_and_unknown_segment() -> None:
    # --segment is a fallback (rot.yaml names its own); --as-segment overrides (SPEC §4)
    code, out, _ = invoke(
        "score", "examples/rot.yaml", "--segment", "standard", "--format", "json", *TODAY
    )
    assert code == 0
    assert json.loads(out)["customers"][0]["segment"] == "gelegenheitskunde"
    code, out, _ = invoke(
        "score", "examples/rot.yaml", "--as-segment", "standard", "--format", "json", *TODAY
    )
    assert code == 0
    assert json.loads(out)["customers"][0]["segment"] == "standard"
    code, _, err = invoke("score", "examples/rot.yaml", "--segment", "standart", *TODAY)
    assert code == 2
    assert "did you mean 'standard'?" in err


def test_csv_output_is_excel_safe_and_takes_a_delimiter(tmp_path: Path) -> None:
    rec = tmp_path / "k.yaml"
    rec.write_text(
        "kundenaudit: 1\ncustomer: {id: '=HYPERLINK(1)', name: '+evil', segment: standard}\n",
        encoding="utf-8",
    )
    code, out, _ = invoke(
        "score",
        str(rec),
        str(ROOT / "examples/rot.yaml"),
        "--format",
        "csv",
        "--csv-delimiter",
        ";",
        *TODAY,
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("customer;name;segment;status;index")
    assert any(line.startswith("'=HYPERLINK(1);'+evil;standard;rot") for line in lines)


def test_lang_en_and_default_from_catalog() -> None:
    _, out_de, _ = invoke("score", "examples/rot.yaml", "--format", "markdown", *TODAY)
    _, out_en, _ = invoke(
        "score", "examples/rot.yaml", "--format", "markdown", "--lang", "en", *TODAY
    )
    assert "Status: ROT" in out_de
    assert "Status: RED" in out_en
    assert "Muss" in out_en  # the level words stay German


def test_stdin_input() -> None:
    text = (ROOT / "examples" / "rot.yaml").read_text(encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "kundenaudit", "score", "-", "--format", "json", *TODAY],
        input=text,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["customers"][0]["id"] == "K-20981"


def test_real_process_has_no_traceback_for_missing_file() -> None:
    proc = run("score", "does-not-exist.yaml")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "does-not-exist.yaml: file not found" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_catalog_given_as_customer_input_is_explained() -> None:
    code, _, err = invoke("score", "catalogs/standard.yaml", *TODAY)
    assert code == 2
    assert "this is a catalog file, not a customer record" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--catalog", "examples/rot.yaml"], "this is a customer record, not a catalog file"),
        (["--mapping", "examples/gelb.yaml"], "this is a customer record, not a mapping file"),
        (
            ["--catalog", "examples/crm/kunden-export.mapping.yaml"],
            "this is a mapping file, not a catalog file",
        ),
        (["--csv-delimiter", ";;"], "--csv-delimiter takes a single character"),
    ],
)
def test_wrong_files_and_options_are_usage_errors(args: list[str], message: str) -> None:
    code, out, err = invoke("score", "examples/rot.yaml", *args, *TODAY)
    assert code == 2
    assert out == ""
    assert message in err
    assert "internal error" not in err


def test_misspelt_status_words_get_a_suggestion(tmp_path: Path) -> None:
    rec = tmp_path / "k.yaml"
    rec.write_text(
        "kundenaudit: 1\ncustomer: {id: K-1, segment: standard}\n"
        "services:\n  reklamation: erfült\n  wartung: teilweis\n",
        encoding="utf-8",
    )
    code, _, err = invoke("score", str(rec))
    assert code == 2
    assert "4:16: error: unknown status 'erfült' (did you mean 'erfuellt'?)" in err
    assert "5:12: error: unknown status 'teilweis' (did you mean 'teilweise'?)" in err


def test_a_reader_that_stops_early_ends_the_output_quietly(tmp_path: Path) -> None:
    docs = [
        f"kundenaudit: 1\ncustomer: {{id: K-{n:04d}, segment: standard}}\n"
        "services: {reklamation: teilweise}\n"
        for n in range(400)
    ]
    (tmp_path / "many.yaml").write_text("---\n".join(docs), encoding="utf-8")
    for gate, expected in (([], 0), (["--fail-on", "rot"], 1)):
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kundenaudit",
                "score",
                str(tmp_path / "many.yaml"),
                "--format",
                "json",
                *gate,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
        )
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.read(100)  # more than a pipe buffer follows; stop reading
        proc.stdout.close()
        err = proc.stderr.read().decode()
        assert proc.wait() == expected  # the gate still decides the exit code
        # nothing but the gate's report: every customer (teilweise reklamation: rot) was seen
        assert err.splitlines()[:1] == (
            ["kundenaudit: gate failed: 400 customer(s)"] if gate else []
        )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ["score", "examples/rot.yaml", *TODAY],
        ["score", "examples/portfolio.yaml", "--format", "json", *TODAY],
        ["validate", "catalogs/"],
    ],
)
def test_a_full_disk_on_stdout_is_a_usage_error_not_a_bug(args: list[str]) -> None:
    with open("/dev/full", "w", encoding="utf-8") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "kundenaudit", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            check=False,
        )
    assert proc.returncode == 2
    assert proc.stderr == (
        "kundenaudit: error: cannot write to standard output: No space left on device\n"
    )


def test_an_output_place_that_cannot_be_written_is_a_usage_error() -> None:
    code, out, err = invoke("score", "examples/rot.yaml", "-o", "/proc/kundenaudit-test.md")
    assert (code, out) == (2, "")
    assert "cannot write there" in err
    assert "internal error" not in err


def test_inputs_without_any_customer_record_are_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "catalog.yaml").write_bytes((ROOT / "catalogs" / "standard.yaml").read_bytes())
    code, out, err = invoke("score", str(tmp_path))
    assert (code, out) == (2, "")
    assert "no customer record in" in err
    assert "catalogs and mapping files found there are skipped" in err


@pytest.mark.parametrize("key", ["Entry", "status", "[key]"])
def test_unknown_keys_named_like_pydantic_path_steps_are_located(key: str, tmp_path: Path) -> None:
    # found by fuzzing: a top-level key spelt like an internal step of pydantic's error path
    rec = tmp_path / "k.yaml"
    rec.write_text(
        f"kundenaudit: 1\ncustomer: {{id: K-1, segment: standard}}\n'{key}': 1\n",
        encoding="utf-8",
    )
    code, out, err = invoke("score", str(rec))
    assert (code, out) == (2, "")
    assert f"k.yaml:3:1: error: unknown key '{key}'" in err
    assert "internal error" not in err


_SCORE = ["score", "examples/rot.yaml"]


@pytest.mark.parametrize(
    ("command", "name"),
    [
        *((_SCORE, n) for n in ["out.ods", "out.yaml", "out.tsv", "OUT.PDF"]),
        *((["catalog"], n) for n in ["out.html", "out.xlsx", "out.yaml", "out.tsv", "OUT.HTM"]),
    ],
)
def test_an_output_suffix_that_names_no_format_is_a_usage_error(
    tmp_path: Path, command: list[str], name: str
) -> None:
    target = tmp_path / name
    code, out, err = invoke(*command, "-o", str(target))
    assert (code, out) == (2, "")
    suffix = target.suffix.lower()
    assert err.startswith(f"kundenaudit: error: {target}: '{suffix}' names no output format of")
    assert "--format" in err and ".json" in err
    assert list(tmp_path.iterdir()) == []  # nothing written, not even a temp file


def test_output_suffixes_choose_the_format(tmp_path: Path) -> None:
    for suffix, fmt in [(".txt", "table"), (".md", "markdown"), (".json", "json"), (".csv", "csv")]:
        target = tmp_path / f"out{suffix}"
        assert invoke("score", "examples/rot.yaml", "-o", str(target), *TODAY)[0] == 0
        expected = invoke("score", "examples/rot.yaml", "--format", fmt, *TODAY)[1]
        assert target.read_text(encoding="utf-8").replace("\r\n", "\n") == expected
    bare = tmp_path / "result"  # no suffix: Markdown, as when piped
    assert invoke("score", "examples/rot.yaml", "-o", str(bare), *TODAY)[0] == 0
    markdown = invoke("score", "examples/rot.yaml", "--format", "markdown", *TODAY)[1]
    assert bare.read_text(encoding="utf-8") == markdown
    explicit = tmp_path / "result.html"  # --format wins over the suffix
    assert invoke("score", "examples/rot.yaml", "-f", "json", "-o", str(explicit), *TODAY)[0] == 0
    assert explicit.read_text(encoding="utf-8").startswith("{")


def test_a_failing_gate_names_the_customers_and_why() -> None:
    # examples/portfolio.yaml (its header lists the results): gelb or rot are K-30002 (rot),
    # K-30003 (gelb), K-30005 (rot, 67.57), K-30006 (gelb, 65.52), K-30008 (gelb, 93.33);
    # below 80 are K-30005 and K-30006 only
    args = ["examples/portfolio.yaml", "--format", "json", *TODAY]
    code, out, err = invoke("score", *args, "--fail-on", "gelb", "--fail-under", "80")
    assert code == 1
    assert json.loads(out)["portfolio"]["customers"] == 8  # the result is written all the same
    assert err.splitlines() == [
        "kundenaudit: gate failed: 5 customer(s)",
        "  K-30002: rot (--fail-on gelb)",
        "  K-30003: gelb (--fail-on gelb)",
        "  K-30005: rot (--fail-on gelb), index 67.6 below 80 (--fail-under)",
        "  K-30006: gelb (--fail-on gelb), index 65.5 below 80 (--fail-under)",
        "  K-30008: gelb (--fail-on gelb)",
    ]
    code, _, err = invoke("score", *args, "--fail-under", "66")
    assert (code, err) == (
        1,
        "kundenaudit: gate failed: 1 customer(s)\n  K-30006: index 65.5 below 66 (--fail-under)\n",
    )
    assert invoke("score", *args, "--fail-under", "65.5")[::2] == (0, "")  # 65.52 prints 65.5


def test_a_gate_names_the_first_ten_failing_customers_then_counts(tmp_path: Path) -> None:
    doc = "kundenaudit: 1\ncustomer: {{id: K-{n:02d}, segment: standard}}\nservices: {{}}\n"
    (tmp_path / "many.yaml").write_text("---\n".join(doc.format(n=n) for n in range(25)))
    # no service delivered: every customer is rot
    code, _, err = invoke("score", str(tmp_path / "many.yaml"), "--fail-on", "rot", *TODAY)
    assert code == 1
    lines = err.splitlines()
    assert lines[0] == "kundenaudit: gate failed: 25 customer(s)"
    assert lines[1:11] == [f"  K-{n:02d}: rot (--fail-on rot)" for n in range(10)]
    assert lines[11:] == ["  ... and 15 more"]


CUSTOMER_COLUMNS = (
    "customer,name,segment,status,index,muss,soll,kann,gaps,knockouts,next_steps,value"
)
GAP_COLUMNS = (
    "customer,service,name,level,nominal_level,knockout,status,degree,gain,effort,action,next_step"
)


def test_score_csv_has_one_layout_for_one_customer_and_for_many() -> None:
    one = invoke("score", "examples/rot.yaml", "-f", "csv", *TODAY)
    two = invoke("score", "examples/rot.yaml", "examples/gelb.yaml", "-f", "csv", *TODAY)
    assert one[0] == two[0] == 0
    assert one[1].splitlines()[0] == two[1].splitlines()[0] == CUSTOMER_COLUMNS
    # rot.yaml's header: index 19/27 = 70.37, coverage muss 80.0, four gaps, knock-out reklamation
    assert (
        one[1]
        .splitlines()[1]
        .startswith("K-20981,Becker Metallbau e.K.,gelegenheitskunde,rot,70.37,80.0,")
    )
    assert len(two[1].splitlines()) == 3  # a header and a row per customer


def test_score_csv_detail_gives_a_row_per_gap_of_every_customer() -> None:
    args = ["examples/rot.yaml", "examples/gelb.yaml", "-f", "csv", "--detail", *TODAY]
    code, out, err = invoke("score", *args, "--sort", "id")
    assert (code, err) == (0, "")
    rows = out.splitlines()
    assert rows[0] == GAP_COLUMNS
    # K-10417 (gelb.yaml) has 7 gaps, K-20981 (rot.yaml) 4; sorted by id, gaps in gap order
    assert [r.split(",")[0] for r in rows[1:]] == ["K-10417"] * 7 + ["K-20981"] * 4
    assert rows[8].startswith("K-20981,reklamation,Reklamationsbearbeitung,muss,muss,True,")
    top = invoke("score", *args, "--sort", "id", "--top", "1")[1].splitlines()
    assert top == rows[:8]


def test_json_keeps_every_customer_in_input_order_and_says_so_to_sort_and_top() -> None:
    args = ["examples/portfolio.yaml", "-f", "json", *TODAY]
    code, plain, err = invoke("score", *args)
    assert (code, err) == (0, "")
    ids = [c["id"] for c in json.loads(plain)["customers"]]
    assert ids == [f"K-3000{n}" for n in range(1, 9)]  # the file's order
    for extra in (["--sort", "index"], ["--top", "2"]):
        code, out, err = invoke("score", *args, *extra)
        assert (code, out) == (0, plain)
        assert err == (
            "kundenaudit: note: json holds every customer in input order; "
            "--sort and --top apply to the other formats\n"
        )


def test_gaps_in_json_carry_the_services_ref(tmp_path: Path) -> None:
    """SPEC §6: a gap carries its service's `ref` (null for a service without one)."""
    record = tmp_path / "k.yaml"
    record.write_text(
        "kundenaudit: 1\ncustomer: {id: K-1, segment: handwerk}\nservices: {}\n", encoding="utf-8"
    )
    code, out, _ = invoke(
        "score", str(record), "--catalog", "catalogs/grosshandel.yaml", "-f", "json", *TODAY
    )
    assert code == 0
    gaps = {g["service"]: g["ref"] for g in json.loads(out)["customers"][0]["gaps"]}
    # catalogs/grosshandel.yaml: lieferfaehigkeit is GH-01, rechnungskorrektheit GH-02
    assert gaps["lieferfaehigkeit"] == "GH-01"
    assert gaps["rechnungskorrektheit"] == "GH-02"
    jsonschema.validate(json.loads(out), json_schema(SchemaName.RESULT))
