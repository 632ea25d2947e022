"""Constructors with more than a few fields take keyword arguments only, so a call site cannot
swap two fields of the same type (delta and catalog, line and column) without a TypeError."""

from __future__ import annotations

import dataclasses

import pytest

from kundenaudit.model.diff import Change, CustomerDiff, Diff, DiffPortfolio, ValueAtRisk
from kundenaudit.model.errors import Finding, Severity

KEYWORD_ONLY: list[type] = [Change, CustomerDiff, Diff, DiffPortfolio, ValueAtRisk, Finding]


@pytest.mark.parametrize("cls", KEYWORD_ONLY, ids=lambda c: c.__name__)
def test_positional_construction_is_refused(cls: type) -> None:
    init = [f for f in dataclasses.fields(cls) if f.init]
    assert init and all(f.kw_only for f in init)
    with pytest.raises(TypeError, match="positional argument"):
        cls(*[None] * len(init))


def test_finding_by_keyword_keeps_its_fields() -> None:
    f = Finding(file="c.yaml", line=3, column=5, severity=Severity.ERROR, rule="r", message="m")
    assert f.format() == "c.yaml:3:5: error: m [r]"
