"""Directory scans: a directory that cannot be read is named, never skipped in silence."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kundenaudit.load.discovery import expand
from kundenaudit.model.errors import UsageError


def _tree(root: Path) -> None:
    (root / "a").mkdir()
    (root / "a" / "one.yaml").write_text("x: 1\n")
    (root / "locked").mkdir()
    (root / "locked" / "two.yaml").write_text("x: 1\n")


def test_an_unreadable_subdirectory_is_an_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree(tmp_path)
    real_scandir = os.scandir

    def scandir(path: str) -> object:  # as a directory without read permission behaves
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    with pytest.raises(UsageError, match=r"cannot read directory .*locked: Permission denied"):
        expand([str(tmp_path)], (".yaml",))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every directory")
def test_an_unreadable_subdirectory_for_real(tmp_path: Path) -> None:
    _tree(tmp_path)
    (tmp_path / "locked").chmod(0)
    try:
        with pytest.raises(UsageError, match="locked"):
            expand([str(tmp_path)], (".yaml",))
    finally:
        (tmp_path / "locked").chmod(0o755)


def test_readable_trees_are_listed_in_order_without_hidden_directories(tmp_path: Path) -> None:
    _tree(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.yaml").write_text("x: 1\n")
    (tmp_path / "b.YML").write_text("x: 1\n")
    found = [
        p.relative_to(tmp_path).as_posix() for p, _ in expand([str(tmp_path)], (".yaml", ".yml"))
    ]
    assert found == ["a/one.yaml", "b.YML", "locked/two.yaml"]
