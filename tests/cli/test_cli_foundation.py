"""The foundation commands through the CLI: exit code, stdout and stderr asserted together."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer

from kundenaudit import __version__
from kundenaudit.cli.app import app
from kundenaudit.cli.output import write_output
from kundenaudit.cli.state import color_wanted
from kundenaudit.model.errors import UsageError
from kundenaudit.score.catalogs import load_catalog
from tests.cli.runner import invoke

HERE = Path(__file__).resolve().parent.parent
REPO = HERE.parent
BAD = HERE / "data" / "bad_catalogs"
GOOD = HERE / "data" / "good_catalogs"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
TEXT_LINE = re.compile(r"^(?P<file>[^:]+):(\d+):(\d+): (error|warning): .+ \[[a-z0-9-]+\]$")
BUILTIN_SEGMENTS = ["standard", "schluesselkunde", "systempartner", "gelegenheitskunde"]


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary working directory, so paths print relative."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def copy(name: str, target: Path, folder: Path = BAD) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(folder / name, target)
    return target


# --- version and help --------------------------------------------------------------------------


def test_version() -> None:
    assert invoke("--version") == (0, f"kundenaudit {__version__}\n", "")


def command_names() -> list[str]:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    return sorted(group.commands)


def test_the_foundation_commands_exist() -> None:
    assert {"validate", "schema", "catalog"} <= set(command_names())


@pytest.mark.parametrize("args", [[], *[[name] for name in command_names()]])
def test_every_help_has_an_example(args: list[str]) -> None:
    code, out, err = invoke(*args, "--help")
    assert (code, err) == (0, "")
    assert out.startswith("Usage: ")
    assert "Example: kundenaudit " in out


# --- validate: formats -------------------------------------------------------------------------


def test_validate_text_format(work: Path) -> None:
    copy("unknown-segment-extends.yaml", work / "cat.yaml")
    code, out, err = invoke("validate", "cat.yaml")
    assert code == 1
    assert out == (
        "cat.yaml:9:14: error: unknown segment 'standart' (did you mean 'standard'?) "
        "(at segments[1].extends) [unknown-segment]\n"
    )
    assert err == "1 file(s) checked: 1 error(s), 0 warning(s)\n"


def test_validate_text_lines_for_many_files(work: Path) -> None:
    for name in ("key-yes.yaml", "extends-cycle.yaml", "warn-missing-action.yaml"):
        copy(name, work / "sub" / name)
    code, out, err = invoke("validate", "sub")
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 3  # key-yes 1 error, the cycle once, 1 warning
    for line in lines:
        assert TEXT_LINE.match(line), line
    files = [TEXT_LINE.match(line)["file"] for line in lines]  # type: ignore[index]
    assert files == sorted(files)  # grouped by file, in path order
    assert set(files) == {
        "sub/extends-cycle.yaml",
        "sub/key-yes.yaml",
        "sub/warn-missing-action.yaml",
    }
    assert err == "3 file(s) checked: 2 error(s), 1 warning(s)\n"


def test_validate_json_format(work: Path) -> None:
    copy("extends-cycle.yaml", work / "cat.yaml")
    code, out, err = invoke("validate", "cat.yaml", "--format", "json")
    assert code == 1
    findings = json.loads(out)
    assert [(f["file"], f["line"], f["column"], f["severity"], f["rule"]) for f in findings] == [
        ("cat.yaml", 7, 14, "error", "extends-cycle"),
    ]
    assert findings[0]["message"] == "'extends' forms a cycle: standard -> schluessel -> standard"
    assert err == "1 file(s) checked: 1 error(s), 0 warning(s)\n"


def test_validate_github_format(work: Path) -> None:
    copy("unknown-segment-extends.yaml", work / "cat.yaml")
    code, out, _ = invoke("validate", "cat.yaml", "--format", "github")
    assert code == 1
    assert out == (
        "::error file=cat.yaml,line=9,col=14,title=unknown-segment::cat.yaml:9:14: "
        "unknown segment 'standart' (did you mean 'standard'?)\n"
    )


def test_valid_file_prints_nothing_on_stdout(work: Path) -> None:
    copy("minimal.yaml", work / "ok.yaml", GOOD)
    assert invoke("validate", "ok.yaml") == (0, "", "1 file(s) checked: 0 error(s), 0 warning(s)\n")
    assert invoke("validate", "ok.yaml", "--format", "json")[:2] == (0, "[]\n")


def test_strict_turns_warnings_into_exit_1(work: Path) -> None:
    copy("warn-reviewed-future.yaml", work / "cat.yaml")
    code, out, err = invoke("validate", "cat.yaml")
    strict = invoke("validate", "cat.yaml", "--strict")
    assert code == 0
    assert out == (
        "cat.yaml:22:15: warning: 'reviewed' date 2999-12-31 is in the future "
        "(at services[1].reviewed) [reviewed-future]\n"
    )
    assert err == "1 file(s) checked: 0 error(s), 1 warning(s)\n"
    assert strict == (1, out, err)


# --- validate: what gets checked ---------------------------------------------------------------


def test_missing_file_exits_2_without_traceback(work: Path) -> None:
    code, out, err = invoke("validate", "nope.yaml")
    assert (code, out, err) == (2, "", "kundenaudit: error: nope.yaml: file not found\n")


def test_glob_without_match_exits_2(work: Path) -> None:
    assert invoke("validate", "*.yaml") == (
        2,
        "",
        "kundenaudit: error: *.yaml: no file matches this pattern\n",
    )


def test_glob_is_expanded(work: Path) -> None:
    copy("minimal.yaml", work / "a.yaml", GOOD)
    copy("key-null.yaml", work / "b.yaml")
    code, out, err = invoke("validate", "*.yaml")
    assert code == 1
    assert {line.split(":")[0] for line in out.splitlines()} == {"b.yaml"}
    assert err.startswith("2 file(s) checked: 1 error(s)")


def test_directories_are_searched_recursively_and_foreign_yaml_is_skipped(work: Path) -> None:
    copy("minimal.yaml", work / "catalogs" / "ok.yaml", GOOD)
    copy("unknown-level.yaml", work / "catalogs" / "deep" / "deeper" / "bad.yml")
    copy("tab-indent.yaml", work / "catalogs" / "broken.yaml")  # does not parse, but is ours
    foreign = {
        "docker-compose.yml": "x-base: &base {image: x}\nservices:\n  web:\n    <<: *base\n",
        "mkdocs.yml": "markdown_extensions:\n  - emoji: {emoji_index: !!python/name:x.y ''}\n",
        "empty.yaml": "",
        "plain.yaml": "a: 1\na: 2\nYes: no\n",
        "template.yaml": "{{ if .Values }}\nkey: [\n",
        "data.json": "{}",
        "notes.txt": "kundenaudit: 2",
    }
    for name, text in foreign.items():
        (work / "catalogs" / name).write_text(text)
    hidden = copy("unknown-level.yaml", work / "catalogs" / ".hidden" / "bad.yaml")
    copy("unknown-level.yaml", work / "catalogs" / "node_modules" / "bad.yaml")
    code, out, err = invoke("validate", "catalogs", "--format", "json")
    assert code == 1
    assert [(f["file"], f["line"], f["rule"]) for f in json.loads(out)] == [
        ("catalogs/broken.yaml", 6, "yaml-syntax"),
        ("catalogs/deep/deeper/bad.yml", 20, "schema"),
    ]
    assert err == "3 file(s) checked: 2 error(s), 0 warning(s)\n"
    # named explicitly, a file is always checked
    code, out, _ = invoke("validate", "catalogs/plain.yaml", str(hidden))
    assert code == 1
    assert {line.split(":")[0] for line in out.splitlines()} == {
        "catalogs/plain.yaml",
        "catalogs/.hidden/bad.yaml",
    }


def test_default_is_the_current_directory(work: Path) -> None:
    copy("unknown-level.yaml", work / "x" / "bad.yaml")
    code, out, err = invoke("validate")
    assert code == 1
    assert out.startswith("x/bad.yaml:20:12: error: unknown level 'mandatory'")
    assert err == "1 file(s) checked: 1 error(s), 0 warning(s)\n"


def test_stdin(work: Path) -> None:
    text = (BAD / "unknown-level.yaml").read_bytes()
    code, out, _ = invoke("validate", "-", input=text)
    assert code == 1
    assert out.startswith("<stdin>:20:12: error: unknown level 'mandatory'")
    ok = (GOOD / "minimal.yaml").read_bytes()
    assert invoke("validate", "-", input=ok)[:2] == (0, "")


def test_explicit_foreign_yaml_is_reported(work: Path) -> None:
    (work / "other.yaml").write_text("a: 1\n")
    code, out, _ = invoke("validate", "other.yaml")
    assert code == 1
    assert out.startswith(
        "other.yaml:1:1: error: not a catalog, customer record, mapping file or snapshot"
    )


RECORD = "kundenaudit: 1\ncustomer: {id: K-1, segment: schluessel}\nservices: {wartung: erfuellt}\n"


def test_records_are_checked_against_the_given_catalog(work: Path) -> None:
    copy("minimal.yaml", work / "cat.yaml", GOOD)
    (work / "k.yaml").write_text(RECORD)
    assert invoke("validate", "k.yaml", "--catalog", "cat.yaml")[:2] == (0, "")
    code, out, _ = invoke("validate", "k.yaml")  # the built-in catalog has no such segment
    assert code == 1
    assert out.startswith(
        "k.yaml:2:30: error: unknown segment 'schluessel' (did you mean 'schluesselkunde'?)"
    )


def test_an_invalid_catalog_option_exits_2_with_its_findings(work: Path) -> None:
    copy("extends-self.yaml", work / "cat.yaml")
    (work / "k.yaml").write_text(RECORD)
    code, out, err = invoke("validate", "k.yaml", "--catalog", "cat.yaml")
    assert (code, out) == (2, "")
    assert err.startswith("cat.yaml:9:14: error: 'extends' forms a cycle")
    assert "Traceback" not in err


def test_several_documents_in_a_record_file_are_fine(work: Path) -> None:
    record = RECORD.replace("schluessel", "standard")
    (work / "k.yaml").write_text(record + "---\n" + record.replace("K-1", "K-2"))
    assert invoke("validate", "k.yaml")[:2] == (0, "")


# --- schema ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["catalog", "customer", "mapping"])
def test_schema_prints_draft_2020_12(name: str) -> None:
    code, out, err = invoke("schema", name)
    assert (code, err) == (0, "")
    schema = json.loads(out)
    assert schema["$schema"] == DIALECT
    assert schema["title"] == f"kundenaudit {name}"
    assert "kundenaudit" in schema["required"]


def test_schema_defaults_to_catalog() -> None:
    assert invoke("schema") == invoke("schema", "catalog")


@pytest.mark.parametrize(
    ("name", "hint"), [("nonsense", ""), ("catalgo", " (did you mean 'catalog'?)")]
)
def test_unknown_schema_exits_2(name: str, hint: str) -> None:
    code, out, err = invoke("schema", name)
    assert (code, out) == (2, "")
    assert err == (
        f"kundenaudit: error: unknown schema '{name}'{hint}; "
        "choose one of: catalog, customer, mapping, result, result-line, snapshot, diff\n"
    )


# --- catalog -----------------------------------------------------------------------------------


def test_catalog_markdown() -> None:
    code, out, err = invoke("catalog", "--format", "markdown")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "# Standardkatalog Investitionsgüter 2026.2"
    header = [cell.strip() for cell in lines[2].strip("|").split("|")]
    assert header == [
        "Leistung",
        "Kategorie",
        "Standardkunde",
        "Schlüsselkunde",
        "Systempartner",
        "Gelegenheitskunde",
    ]
    assert "## Schlüsselkunde (schluesselkunde)" in lines
    assert "- Muss ≥ 100 % (laufend)" in lines


def test_catalog_default_format_when_piped_is_markdown() -> None:
    assert invoke("catalog") == invoke("catalog", "--format", "markdown")


def test_catalog_table() -> None:
    code, out, err = invoke("catalog", "--format", "table")
    assert (code, err) == (0, "")
    assert "Standardkatalog Investitionsgüter 2026.2" in out
    assert "Gelegenheitskunde" in out
    assert "\x1b[" not in out  # no colour when stdout is no terminal


def test_catalog_json_matches_the_resolution() -> None:
    import datetime as dt

    code, out, err = invoke("catalog", "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    cat, _ = load_catalog(None, dt.date.today())
    assert data["kundenaudit"] == 1
    assert [s["id"] for s in data["segments"]] == BUILTIN_SEGMENTS
    assert [s["id"] for s in data["services"]] == list(cat.services)
    for service in data["services"]:
        for segment in BUILTIN_SEGMENTS:
            level = cat.segments[segment].levels[service["id"]]
            assert service["levels"][segment] == (level.value if level else None)
    assert data["weights"] == {"muss": 3, "soll": 2, "kann": 1}
    goals = data["segments"][0]["goals"]
    assert goals[0] == {"level": "muss", "services": None, "min": 100, "by": None}


def test_catalog_segment_filter() -> None:
    code, out, err = invoke("catalog", "--segment", "schluesselkunde", "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert [s["id"] for s in data["segments"]] == ["schluesselkunde"]
    assert all(list(s["levels"]) == ["schluesselkunde"] for s in data["services"])
    md = invoke("catalog", "-s", "schluesselkunde", "-s", "standard", "--format", "markdown")[1]
    header = [cell.strip() for cell in md.splitlines()[2].strip("|").split("|")]
    assert header[2:] == ["Schlüsselkunde", "Standardkunde"]
    assert "Gelegenheitskunde" not in md


def test_catalog_unknown_segment_exits_2_with_did_you_mean() -> None:
    code, out, err = invoke("catalog", "--segment", "standart")
    assert (code, out) == (2, "")
    assert err == "kundenaudit: error: unknown segment 'standart' (did you mean 'standard'?)\n"


def test_catalog_of_a_file_shows_its_warnings_on_stderr(work: Path) -> None:
    copy("warn-missing-action.yaml", work / "cat.yaml")
    code, out, err = invoke("catalog", "cat.yaml", "--format", "json")
    assert code == 0
    assert [s["id"] for s in json.loads(out)["services"]] == ["reklamation", "wartung"]
    assert err == (
        "cat.yaml:18:5: warning: service 'wartung' has no 'action' "
        "(at services[1]) [missing-action]\n"
    )


def test_catalog_of_a_bad_file_exits_2(work: Path) -> None:
    copy("duplicate-key.yaml", work / "cat.yaml")
    code, out, err = invoke("catalog", "cat.yaml")
    assert (code, out) == (2, "")
    assert err == (
        "cat.yaml:20:5: error: duplicate key 'name' (first defined on line 19) "
        "[yaml-duplicate-key]\n"
    )


def test_catalog_as_csv_is_the_matrix_of_effective_levels(work: Path) -> None:
    copy("minimal.yaml", work / "cat.yaml", GOOD)
    code, out, err = invoke("catalog", "cat.yaml", "--format", "csv")
    assert (code, err) == (0, "")
    # wartung is soll by default and muss in schluessel; reklamation is a Muss knock-out
    assert out.splitlines() == [
        "service,ref,name,category,knockout,competition,standard,schluessel",
        "reklamation,,Reklamationsbearbeitung,,True,,muss,muss",
        "wartung,,Wartung,,False,,soll,muss",
    ]
    assert invoke("catalog", "cat.yaml", "-o", "m.csv", "-s", "schluessel") == (0, "", "")
    assert (work / "m.csv").read_bytes() == (  # the suffix chose CSV; rows end in CRLF
        b"service,ref,name,category,knockout,competition,schluessel\r\n"
        b"reklamation,,Reklamationsbearbeitung,,True,,muss\r\n"
        b"wartung,,Wartung,,False,,muss\r\n"
    )


def test_catalog_csv_leaves_what_does_not_apply_empty_and_defuses_formulas(work: Path) -> None:
    (work / "cat.yaml").write_text(
        "kundenaudit: 1\nname: T\nsegments:\n  - {id: a, name: A}\n  - {id: b, name: B}\n"
        "services:\n  - {id: x, name: '=SUM(A1)', level: kann, levels: {b: entfaellt},"
        " competition: none, category: '@cat', action: a}\n"
        "  - {id: y, name: Y, level: muss, action: a}\n",
        encoding="utf-8",
    )
    code, out, err = invoke("catalog", "cat.yaml", "--format", "csv")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "service,ref,name,category,knockout,competition,a,b",
        "x,,'=SUM(A1),'@cat,False,none,kann,",
        "y,,Y,,False,,muss,muss",
    ]


# --- output files ------------------------------------------------------------------------------


def test_output_file_gets_what_stdout_would(work: Path) -> None:
    expected = invoke("catalog", "--format", "markdown")[1]
    assert invoke("catalog", "--format", "markdown", "-o", "out.md") == (0, "", "")
    data = (work / "out.md").read_bytes()
    assert data.decode("utf-8") == expected
    assert not data.startswith(b"\xef\xbb\xbf")
    assert sorted(p.name for p in work.iterdir()) == ["out.md"]  # no temp file left


def test_output_file_defaults_to_markdown_and_replaces_an_old_file(work: Path) -> None:
    (work / "out.md").write_text("old")
    assert invoke("catalog", "-o", "out.md") == (0, "", "")
    assert (work / "out.md").read_text(encoding="utf-8").startswith("# Standardkatalog")


@pytest.mark.parametrize("via_link", [False, True])
def test_output_never_overwrites_an_input(work: Path, via_link: bool) -> None:
    source = copy("standard.yaml", work / "cat.yaml", REPO / "catalogs")
    before = source.read_bytes()
    target = "cat.yaml"
    if via_link:
        (work / "link.yaml").symlink_to(source)
        target = "link.yaml"
    listing = sorted(p.name for p in work.iterdir())
    code, out, err = invoke("catalog", "cat.yaml", "-f", "markdown", "-o", target)
    assert (code, out) == (2, "")
    assert err == f"kundenaudit: error: {target}: refusing to overwrite an input file\n"
    assert source.read_bytes() == before
    assert sorted(p.name for p in work.iterdir()) == listing


def test_output_into_a_missing_directory_exits_2(work: Path) -> None:
    code, out, err = invoke("catalog", "-o", "nowhere/out.md")
    assert (code, out) == (2, "")
    assert err == "kundenaudit: error: nowhere/out.md: directory nowhere does not exist\n"


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(work: Path) -> None:
    target = work / "out.md"
    target.write_text("old")

    def chunks() -> Iterator[str]:
        yield "half of the new "
        raise RuntimeError("renderer failed")

    with pytest.raises(RuntimeError):
        write_output(chunks(), target)
    assert target.read_text() == "old"
    assert [p.name for p in work.iterdir()] == ["out.md"]


def test_write_output_refuses_an_input(work: Path) -> None:
    source = work / "in.yaml"
    source.write_text("x")
    with pytest.raises(UsageError, match="refusing to overwrite an input file"):
        write_output(["y"], work / "in.yaml", [Path("in.yaml")])
    assert source.read_text() == "x"


# --- internal errors ---------------------------------------------------------------------------

BREAKABLE = [
    (["catalog"], "kundenaudit.cli.commands.load_catalog"),
    (["validate", "."], "kundenaudit.score.validate.validate_files"),
    (["schema", "catalog"], "kundenaudit.model.schemas.json_schema"),
]


def boom(*_args: object, **_kwargs: object) -> None:
    raise RuntimeError("boom")


@pytest.mark.parametrize(("args", "target"), BREAKABLE, ids=[a[0] for a, _ in BREAKABLE])
def test_internal_error_exits_3_with_a_short_message(
    args: list[str], target: str, monkeypatch: pytest.MonkeyPatch, work: Path
) -> None:
    monkeypatch.setattr(target, boom)
    code, out, err = invoke("--debug", *args)
    assert (code, out) == (3, "")
    assert err.startswith("Traceback (most recent call last):")
    assert "RuntimeError: boom" in err
    # --debug does not stick to the next run
    code, out, err = invoke(*args)
    assert (code, out) == (3, "")
    assert "Traceback" not in err
    lines = err.splitlines()
    assert lines[0].startswith("kundenaudit: internal error (RuntimeError: boom); this is a bug")
    assert len(lines) == 1
    assert "--debug" in err


# --- the real process --------------------------------------------------------------------------


def run_process(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "kundenaudit", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        timeout=60,
        check=False,
    )


def test_python_m_kundenaudit(tmp_path: Path) -> None:
    version = run_process("--version", cwd=tmp_path)
    assert (version.returncode, version.stdout, version.stderr) == (
        0,
        f"kundenaudit {__version__}\n",
        "",
    )
    missing = run_process("validate", "nope.yaml", cwd=tmp_path)
    assert (missing.returncode, missing.stdout) == (2, "")
    assert missing.stderr == "kundenaudit: error: nope.yaml: file not found\n"


def test_color_is_off_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert color_wanted(Tty(), no_color=False)
    assert not color_wanted(Tty(), no_color=True)
    assert not color_wanted(object(), no_color=False)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not color_wanted(Tty(), no_color=False)
