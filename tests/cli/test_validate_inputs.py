"""`validate` checks CSV exports and mapping targets against the catalog among its inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.runner import ROOT, invoke

pytestmark = pytest.mark.usefixtures("in_root")

OWN = "tests/data/validate/own-catalog"
MAPPING_ERRORS = ROOT / "tests" / "data" / "validate" / "mapping-errors"


def test_a_directory_is_checked_against_its_own_catalog() -> None:
    code, out, err = invoke("validate", OWN)
    assert code == 1
    # the record fits its own catalog: no unknown segment or service for kunde.yaml
    assert "kunde.yaml" not in out
    # the CSV export is read with the mapping beside it, every error reported at once
    assert f"{OWN}/export.csv:2:4: error: unknown status 'vielleicht' in column 'Zwei'" in out
    # the misspelt target leaves the catalog's service 'zweite' without a column: said once
    assert f"{OWN}/export.csv:1:1: warning: no column covers the catalog's service(s) zweite" in out
    # the mapping's misspelt target is found by validate, at its position
    assert (
        f"{OWN}/export.mapping.yaml:8:11: error: unknown service 'zwiete' (did you mean 'zweite'?)"
        in out
    )
    assert err.endswith(
        f"records and mapping files checked against catalog 'Eigener Katalog' "
        f"({OWN}/katalog.yaml)\n4 file(s) checked: 2 error(s), 2 warning(s)\n"
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


@pytest.mark.parametrize("case", sorted(p.stem for p in MAPPING_ERRORS.glob("*.expected")))
def test_every_error_of_a_mapping_file_is_reported_at_once(case: str) -> None:
    """A schema error does not hide a misspelt target id: each expected line is reported."""
    folder = MAPPING_ERRORS.relative_to(ROOT).as_posix()
    code, out, _ = invoke("validate", folder)  # checked against the catalog beside it
    assert code == 1
    mine = [ln for ln in out.splitlines() if ln.startswith(f"{folder}/{case}.mapping.yaml:")]
    expected = (MAPPING_ERRORS / f"{case}.expected").read_text(encoding="utf-8").splitlines()
    assert len(mine) == len(expected), out
    for line, want in zip(mine, expected, strict=True):
        assert line.startswith(f"{folder}/{case}.mapping.yaml:{want}"), (line, want)
    assert "input should" not in out.lower()
