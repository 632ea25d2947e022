"""The package's layers import one way only: model <- load <- score <- render <- cli."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "kundenaudit"
LAYERS = ("model", "load", "score", "render", "cli")
# third-party libraries of the presentation layers, never imported below them
PRESENTATION = ("typer", "rich", "tabulate", "jinja2", "openpyxl")
MAX_LINES = 250


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _layer(path: Path) -> str | None:
    rel = path.relative_to(PACKAGE).parts
    return rel[0] if len(rel) > 1 and rel[0] in LAYERS else None


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every imported module name (absolute), lazy and TYPE_CHECKING imports included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}:{node.lineno}: use absolute imports"
            module = node.module or ""
            found.append((node.lineno, module))
            if module == "kundenaudit":  # from kundenaudit import model, ...
                found += [(node.lineno, f"kundenaudit.{a.name}") for a in node.names]
    return found


def forbidden_imports(path: Path, layer: str) -> list[str]:
    """Imports of ``path`` that reach a layer above ``layer`` or a presentation library."""
    allowed_above = LAYERS[: LAYERS.index(layer) + 1]
    bad = []
    for line, name in _imports(path):
        parts = name.split(".")
        if parts[0] == "kundenaudit" and len(parts) > 1 and parts[1] in LAYERS:
            if parts[1] not in allowed_above:
                bad.append(f"{path.name}:{line}: {layer} imports {name}")
        elif layer in LAYERS[:3] and parts[0] in PRESENTATION:
            bad.append(f"{path.name}:{line}: {layer} imports {name}")
    return bad


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_imports_only_lower_layers(path: Path) -> None:
    layer = _layer(path)
    if layer is None:
        return
    assert forbidden_imports(path, layer) == []


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_is_small(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.name} has {lines} lines; split it by job"


def test_every_module_lives_in_a_layer() -> None:
    loose = [
        p.name
        for p in _modules()
        if _layer(p) is None and p.name not in {"__init__.py", "__main__.py"}
    ]
    assert loose == []


def test_the_check_catches_a_forbidden_import(tmp_path: Path) -> None:
    bad = tmp_path / "kundenaudit" / "score" / "bad.py"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "import rich\nfrom kundenaudit.render import json_\n"
        "def f():\n    from kundenaudit.cli import app\n"
    )
    found = forbidden_imports(bad, "score")
    assert len(found) == 3
    ok = tmp_path / "kundenaudit" / "render" / "ok.py"
    ok.parent.mkdir(parents=True)
    ok.write_text("import rich\nfrom kundenaudit.score import engine\n")
    assert forbidden_imports(ok, "render") == []
