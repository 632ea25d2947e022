"""`kundenaudit init`: the files it writes validate and score, and nothing is ever clobbered."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from kundenaudit import __version__
from kundenaudit.cli.init import CI_FILES
from kundenaudit.model.options import Ci
from tests.cli.runner import invoke

GOLDEN = Path(__file__).parent.parent / "golden"


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_the_ci_registry_covers_every_ci() -> None:
    assert set(CI_FILES) == set(Ci)


def test_init_writes_the_golden_file_list(tmp_path: Path, update_golden: bool) -> None:
    code, out, err = invoke("init", str(tmp_path / "audit"), "--ci", "github")
    assert (code, out) == (0, "")
    listing = "".join(f"{name}\n" for name in sorted(files_of(tmp_path / "audit")))
    golden = GOLDEN / "init.github.files.txt"
    if update_golden:
        golden.write_text(listing, encoding="utf-8")
    assert listing == golden.read_text(encoding="utf-8")
    assert "wrote" in err
    assert "Traceback" not in err


def test_what_init_writes_validates_strictly_and_scores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke("init")[0] == 0
    first = (tmp_path / "catalog.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=schemas/catalog.schema.json"
    code, out, err = invoke(
        "validate", "catalog.yaml", "customers/", "--catalog", "catalog.yaml", "--strict"
    )
    assert code == 0, out + err
    assert "2 file(s) checked: 0 error(s), 0 warning(s)" in err
    code, out, err = invoke("score", "customers/", "--catalog", "catalog.yaml", "--format", "json")
    assert code == 0, err
    customer = json.loads(out)["customers"][0]
    # Muss: reklamation w=2 d=1, auftragsbestaetigung w=1 d=1 -> 100 %;
    # Soll: lieferverzug_info 0.5, wartung 0 -> 0.5/2 = 25 %; marktinfo entbehrlich.
    # index = 100 * (3*3 + 2*0.5) / (3*3 + 2*2) = 1000/13 = 76.92; Soll 25 < 70 -> gelb
    assert customer["id"] == "K-0001"
    assert customer["index"] == 76.92
    assert customer["coverage"] == {"muss": 100.0, "soll": 25.0, "kann": None}
    assert customer["status"] == "gelb"
    # the example's schema line points at the schema init wrote
    schema = json.loads((tmp_path / "schemas" / "customer.schema.json").read_text("utf-8"))
    assert schema["title"] == "kundenaudit customer"


def test_the_github_workflow_parses_validates_gates_and_pins_the_version(
    tmp_path: Path,
) -> None:
    assert invoke("init", str(tmp_path), "--ci", "github")[0] == 0
    workflow = yaml.safe_load(
        (tmp_path / ".github" / "workflows" / "kundenaudit.yml").read_text(encoding="utf-8")
    )
    assert set(workflow["on"]) == {"push", "pull_request"}
    runs = [step.get("run", "") for step in workflow["jobs"]["audit"]["steps"]]
    assert f'python -m pip install "kundenaudit=={__version__}"' in runs
    assert any("validate" in r and "--format github" in r and "--strict" in r for r in runs)
    assert any(r.startswith("kundenaudit score") and "--fail-on rot" in r for r in runs)
    hooks = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = hooks["repos"][0]["hooks"][0]
    assert hook["id"] == "kundenaudit-validate"
    assert hook["additional_dependencies"] == [f"kundenaudit=={__version__}"]


def test_gitlab_is_printed_not_written(tmp_path: Path) -> None:
    code, out, err = invoke("init", str(tmp_path), "--ci", "gitlab")
    assert code == 0
    job = yaml.safe_load(out)["kundenaudit"]
    assert f'python -m pip install "kundenaudit=={__version__}"' in job["script"]
    assert not (tmp_path / ".gitlab-ci.yml").exists()
    assert not (tmp_path / ".github").exists()
    assert ".gitlab-ci.yml" in err


def test_a_second_init_names_every_conflict_and_changes_nothing(tmp_path: Path) -> None:
    assert invoke("init", str(tmp_path), "--ci", "github")[0] == 0
    (tmp_path / "catalog.yaml").write_text("# mine\n", encoding="utf-8")
    (tmp_path / ".pre-commit-config.yaml").unlink()
    before = files_of(tmp_path)
    code, out, err = invoke("init", str(tmp_path), "--ci", "github")
    assert (code, out) == (2, "")
    for name in before:
        assert f"{name} exists" in err
    assert ".pre-commit-config.yaml" not in err  # not there: no conflict, and not written
    assert "nothing was written" in err
    assert files_of(tmp_path) == before


def test_force_overwrites(tmp_path: Path) -> None:
    assert invoke("init", str(tmp_path))[0] == 0
    (tmp_path / "catalog.yaml").write_text("# mine\n", encoding="utf-8")
    code, _, err = invoke("init", str(tmp_path), "--force")
    assert code == 0, err
    assert (
        (tmp_path / "catalog.yaml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server:")
    )


def test_force_does_not_replace_a_directory(tmp_path: Path) -> None:
    (tmp_path / "catalog.yaml").mkdir()
    code, out, err = invoke("init", str(tmp_path), "--force")
    assert (code, out) == (2, "")
    assert "catalog.yaml exists and is not a regular file" in err
    assert not (tmp_path / "customers").exists()


def test_init_into_a_file_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "afile"
    target.write_text("x", encoding="utf-8")
    code, _, err = invoke("init", str(target))
    assert code == 2
    assert "is not a directory" in err


@pytest.mark.parametrize("command", ["kundenaudit init", "kundenaudit sheet"])
def test_the_readme_sh_examples_run(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's ``sh`` blocks of init and of the workbook round trip run in an empty
    directory with a copy of examples/."""
    import re
    import shlex
    import shutil

    root = Path(__file__).resolve().parents[2]
    readme = (root / "README.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```sh\n(.*?)```", readme, flags=re.S) if command in b]
    assert len(blocks) == 1
    shutil.copytree(root / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    for line in blocks[0].splitlines():
        for step in line.split(" && "):
            words = shlex.split(step)
            if words[0] == "cd":
                monkeypatch.chdir(words[1])
                continue
            code, _, err = invoke(*words[1:])
            assert code == 0, f"{step}: {err}"
