"""The built-in catalogs: one source of truth, shipped inside the package."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from kundenaudit.load import documents as loading
from kundenaudit.score import catalogs

REPO = Path(__file__).resolve().parents[2]
TOP = REPO / "catalogs"
PACKAGED = REPO / "src" / "kundenaudit" / "catalogs"


def test_packaged_catalogs_are_the_top_level_catalogs_byte_for_byte() -> None:
    top = {p.name: p.read_bytes() for p in TOP.glob("*.yaml")}
    packaged = {p.name: p.read_bytes() for p in PACKAGED.glob("*.yaml")}
    how = "catalogs/ is the source of truth: cp catalogs/*.yaml src/kundenaudit/catalogs/"
    assert sorted(packaged) == sorted(top), f"different files; {how}"
    for name, data in top.items():
        assert packaged[name] == data, f"src/kundenaudit/catalogs/{name} differs; {how}"
    assert "standard.yaml" in top


def test_builtin_catalog_path_is_the_packaged_standard_catalog() -> None:
    path = loading.builtin_catalog_path()
    assert path.is_file()
    assert path.name == loading.BUILTIN_CATALOG == "standard.yaml"
    assert path.read_bytes() == (TOP / "standard.yaml").read_bytes()


def test_builtin_catalog_is_what_load_catalog_uses_without_a_path() -> None:
    builtin, _ = catalogs.load_catalog(None, dt.date(2026, 6, 1))
    explicit, _ = catalogs.load_catalog(TOP / "standard.yaml", dt.date(2026, 6, 1))
    assert builtin.spec == explicit.spec


def test_catalogs_are_declared_package_data() -> None:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "catalogs/*.yaml" in config["tool"]["setuptools"]["package-data"]["kundenaudit"]


def test_the_oldest_dependencies_ci_tests_are_the_lower_bounds_of_pyproject() -> None:
    """.ci/oldest.txt pins each runtime (and xlsx) dependency to its lower bound, so CI's run
    against the oldest releases tests what pyproject.toml promises."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    bounds = {}
    for req in [*project["dependencies"], *project["optional-dependencies"]["xlsx"]]:
        package = re.match(r"[A-Za-z0-9_.-]+", req)
        lower = re.search(r">=\s*([0-9][0-9.]*)", req)
        assert package and lower, f"{req}: a runtime dependency needs a lower bound (>=X.Y.Z)"
        bounds[package[0].lower()] = lower[1]
    pins = {}
    for line in (REPO / ".ci" / "oldest.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.strip().lower()] = version.strip()
    assert pins == bounds
    assert {"typer", "rich", "pydantic", "pyyaml", "tabulate"} <= set(bounds)
