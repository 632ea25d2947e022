"""Turn command-line arguments (files, globs, directories) into the list of input files."""

from __future__ import annotations

import glob
import os
from pathlib import Path

from kundenaudit.model.errors import UsageError

SKIP_DIRS = frozenset({".git", ".hg", ".venv", "venv", "node_modules", "__pycache__", ".tox"})


def expand(args: list[str], suffixes: tuple[str, ...]) -> list[tuple[Path, bool]]:
    """Every input file as (path, named explicitly); directories searched recursively."""
    found: list[tuple[Path, bool]] = []
    for arg in args:
        if arg == "-":
            found.append((Path("-"), True))
            continue
        path = Path(arg)
        if path.is_dir():
            found += [(p, False) for p in _walk(path, suffixes)]
        elif path.exists():
            found.append((path, True))
        elif glob.has_magic(arg):
            matches = sorted(Path(m) for m in glob.glob(arg, recursive=True))
            if not matches:
                raise UsageError(f"{arg}: no file matches this pattern")
            found += [(m, True) for m in matches if m.is_file()]
        else:
            raise UsageError(f"{arg}: file not found")
    return _unique(found)


def _walk(root: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Files below ``root`` with one of ``suffixes``; a directory that cannot be read is an
    error naming it (a portfolio must not lose customers without a word)."""
    out = []
    unreadable: list[str] = []

    def _failed(exc: OSError) -> None:
        unreadable.append(f"{exc.filename}: {exc.strerror}")

    for folder, dirs, files in os.walk(root, onerror=_failed):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not d.startswith(".")]
        for name in files:
            path = Path(folder, name)
            if path.suffix.lower() in suffixes and path.is_file():
                out.append(path)
    if unreadable:
        raise UsageError(
            "cannot read directory "
            + "; ".join(sorted(unreadable))
            + " (its customers would be missing: fix its permissions or leave it out)"
        )
    return sorted(out)


def _unique(found: list[tuple[Path, bool]]) -> list[tuple[Path, bool]]:
    seen: set[Path] = set()
    out = []
    for path, explicit in found:
        key = path if str(path) == "-" else path.resolve()
        if key not in seen:
            seen.add(key)
            out.append((path, explicit))
    return out
