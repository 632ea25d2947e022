"""The published JSON Schemas: valid draft 2020-12, true to the files, committed copies current."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from kundenaudit.cli.app import app
from tests import realdata

HERE = Path(__file__).resolve().parent.parent
REPO = HERE.parent
BAD = HERE / "data" / "bad_catalogs"
REALDATA = realdata.DIR
FILE_SCHEMAS = ["catalog", "customer", "mapping"]
MODELINE = "# yaml-language-server: $schema=../schemas/catalog.schema.json"


def schema_output(name: str) -> str:
    result = CliRunner().invoke(app, ["schema", name], catch_exceptions=False)
    assert (result.exit_code, result.stderr) == (0, "")
    return result.stdout


def validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(schema_output(name)))


def as_json(path: Path) -> list[Any]:
    """Every document of a YAML file as JSON data (dates become strings, as in an editor)."""
    docs = list(yaml.safe_load_all(path.read_text(encoding="utf-8")))
    return [json.loads(json.dumps(doc, default=str)) for doc in docs]


@pytest.mark.parametrize("name", FILE_SCHEMAS)
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = json.loads(schema_output(name))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert jsonschema.validators.validator_for(schema) is jsonschema.Draft202012Validator


@pytest.mark.parametrize("name", [*FILE_SCHEMAS, "result"])
def test_committed_schema_is_current(name: str) -> None:
    committed = REPO / "schemas" / f"{name}.schema.json"
    how = f"regenerate it: kundenaudit schema {name} > schemas/{name}.schema.json"
    assert committed.is_file(), f"schemas/{name}.schema.json is missing; {how}"
    assert committed.read_text(encoding="utf-8") == schema_output(name), (
        f"schemas/{name}.schema.json is out of date; {how}"
    )


BUILTIN = sorted((REPO / "catalogs").glob("*.yaml"))


@pytest.mark.parametrize("path", BUILTIN, ids=[p.name for p in BUILTIN])
def test_catalog_schema_accepts_the_builtin_catalogs(path: Path) -> None:
    (doc,) = as_json(path)
    errors = [e.message for e in validator("catalog").iter_errors(doc)]
    assert errors == []


REAL = realdata.catalogs()


@realdata.needs(*([p.name for p in REAL] or ["*.catalog.yaml"]))
def test_catalog_schema_accepts_the_real_catalogs() -> None:
    check = validator("catalog")
    for path in REAL:
        (doc,) = as_json(path)
        assert [e.message for e in check.iter_errors(doc)] == [], path.name


@realdata.needs("telco.mapping.yaml")
def test_mapping_schema_accepts_the_real_mapping() -> None:
    (doc,) = as_json(REALDATA / "telco.mapping.yaml")
    assert [e.message for e in validator("mapping").iter_errors(doc)] == []


def test_customer_schema_accepts_the_examples() -> None:
    check = validator("customer")
    records = [doc for path in sorted((REPO / "examples").glob("*.yaml")) for doc in as_json(path)]
    records = [r for r in records if isinstance(r, dict) and "customer" in r]
    assert records, "no customer records in examples/"
    for record in records:
        assert [e.message for e in check.iter_errors(record)] == [], record["customer"]


# structural defects an editor should flag as well as `validate` does
SCHEMA_CATCHES = [
    "unknown-key",
    "format-version",
    "missing-version",
    "missing-name",
    "unknown-level",
    "goal-entfaellt",
    "id-uppercase",
    "min-out-of-range",
    "min-negative",
    "weight-zero",
    "level-weight-zero",
    "effort-too-high",
    "effort-zero",
]


@pytest.mark.parametrize("case", SCHEMA_CATCHES)
def test_catalog_schema_rejects_structural_defects(case: str) -> None:
    (doc,) = as_json(BAD / f"{case}.yaml")
    assert list(validator("catalog").iter_errors(doc)) != []


@pytest.mark.parametrize("path", BUILTIN, ids=[p.name for p in BUILTIN])
def test_shipped_catalogs_point_editors_at_the_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == MODELINE
    assert (path.parent / "../schemas/catalog.schema.json").resolve().is_file()
