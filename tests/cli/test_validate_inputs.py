"""`validate` checks CSV exports and mapping targets against the catalog among its inputs."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kundenaudit.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
OWN = "tests/data/validate/own-catalog"


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_COLOR", "1")


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_a_directory_is_checked_against_its_own_catalog() -> None:
    code, out, err = invoke("validate", OWN)
    assert code == 1
    # the record fits its own catalog: no unknown segment or service for kunde.yaml
    assert "kunde.yaml" not in out
    # the CSV export is read with the mapping beside it, every error reported at once
    assert f"{OWN}/export.csv:2:4: error: unknown status 'vielleicht' in column 'Zwei'" in out
    # the mapping's misspelt target is found by validate, at its position
    assert (
        f"{OWN}/export.mapping.yaml:8:11: error: unknown service 'zwiete' (did you mean 'zweite'?)"
        in out
    )
    assert err.endswith(
        f"records and mapping files checked against catalog 'Eigener Katalog' "
        f"({OWN}/katalog.yaml)\n4 file(s) checked: 2 error(s), 1 warning(s)\n"
    )


def test_catalog_given_explicitly_wins_and_is_named() -> None:
    code, out, err = invoke("validate", f"{OWN}/kunde.yaml", "--catalog", "catalogs/standard.yaml")
    assert code == 1
    assert "unknown segment 'haupt'" in out
    assert (
        "checked against catalog 'Standardkatalog Investitionsgüter' (catalogs/standard.yaml)"
        in err
    )


def test_without_a_catalog_among_the_inputs_the_built_in_one_is_named() -> None:
    code, _, err = invoke("validate", "examples/crm")
    assert code == 0
    assert "checked against the built-in catalog 'Standardkatalog" in err


def test_nothing_checked_is_not_success(tmp_path: Path) -> None:
    (tmp_path / "notes.yaml").write_text("title: not ours\n")
    code, out, err = invoke("validate", str(tmp_path))
    assert (code, out) == (2, "")
    assert "nothing was checked" in err
