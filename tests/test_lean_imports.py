"""The result types and the loaders' error and snapshot helpers load no pydantic model machinery:
every `score` imports them, and only an invalid input or a snapshot needs pydantic's models."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "kundenaudit"
MACHINERY = (
    "pydantic.main",
    "pydantic.fields",
    "pydantic.type_adapter",
    "pydantic._internal._generate_schema",
)
LEAN = [
    "kundenaudit.model.described",
    "kundenaudit.model.results",
    "kundenaudit.model.diff",
    "kundenaudit.load.model_errors",
]
# pydantic itself and the modules of pydantic models
MODEL_MODULES = (
    "pydantic",
    "pydantic_core",
    "kundenaudit.model.catalog_file",
    "kundenaudit.model.fields",
    "kundenaudit.model.mapping_file",
    "kundenaudit.model.record_file",
    "kundenaudit.model.snapshot",
)


def imported_after(statement: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``statement``."""
    code = f"import json, sys\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return set(json.loads(done.stdout))


@pytest.mark.parametrize("module", LEAN)
def test_importing_it_loads_no_pydantic_models(module: str) -> None:
    modules = imported_after(f"import {module}")
    assert module in modules
    assert sorted(modules.intersection(MACHINERY)) == []


def test_the_check_sees_pydantic_models() -> None:
    # a result type handed to pydantic (as `schema` does) loads the machinery the test looks for
    modules = imported_after(
        "import pydantic\nfrom kundenaudit.model.results import Gap\npydantic.TypeAdapter(Gap)"
    )
    assert set(MACHINERY) <= modules


def module_level_imports(path: Path) -> list[str]:
    """Modules imported when ``path`` is imported: not in functions, not for type checkers."""
    found: list[str] = []
    todo: list[ast.stmt] = list(ast.parse(path.read_text(encoding="utf-8")).body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
        elif isinstance(node, ast.If) and ast.unparse(node.test) != "TYPE_CHECKING":
            todo += node.body + node.orelse
        elif isinstance(node, ast.Try):
            todo += node.body + node.orelse + node.finalbody
            todo += [stmt for handler in node.handlers for stmt in handler.body]
    return found


@pytest.mark.parametrize("rel", ["load/snapshots.py", "load/model_errors.py"])
def test_pydantic_models_are_imported_where_they_are_used(rel: str) -> None:
    # snapshots.py sits on every run's path through load.inputs; its own imports must leave
    # pydantic and the snapshot and catalog models to the snapshot reading
    imports = module_level_imports(PACKAGE / rel)
    assert "kundenaudit.model.errors" in imports  # the parse sees the module's imports
    assert [name for name in imports if name.startswith(MODEL_MODULES)] == []
