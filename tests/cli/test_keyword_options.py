"""The command option bundles with many fields take keyword arguments only."""

from __future__ import annotations

import dataclasses

import pytest

from kundenaudit.cli.calibrate import CalibrateOptions
from kundenaudit.cli.snapshot_out import Snapshot


@pytest.mark.parametrize("cls", [CalibrateOptions, Snapshot], ids=lambda c: c.__name__)
def test_positional_construction_is_refused(cls: type) -> None:
    init = [f for f in dataclasses.fields(cls) if f.init]
    assert init and all(f.kw_only for f in init)
    with pytest.raises(TypeError, match="positional argument"):
        cls(*[None] * len(init))
