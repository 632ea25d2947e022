"""Fixtures of the CLI tests."""

from __future__ import annotations

import pytest

from tests.cli.runner import ROOT


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in the project's root (paths like ``examples/`` resolve), without colour."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_COLOR", "1")
