"""The real data beside the checkout (``../shared/realdata``), read by a few tests.

Where it is absent the tests skip and say so; CI has it beside the checkout and sets
``KUNDENAUDIT_REALDATA=required`` (see .ci/run), so there a missing file fails the run instead
of skipping quietly."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

DIR = Path(__file__).resolve().parents[2] / "shared" / "realdata"
REQUIRED = os.environ.get("KUNDENAUDIT_REALDATA") == "required"


def needs(*names: str) -> pytest.MarkDecorator:
    """Skip unless every named file is in the real data (fail at collection where required)."""
    missing = [n for n in names if not (DIR / n).is_file()]
    if missing and REQUIRED:
        raise RuntimeError(f"KUNDENAUDIT_REALDATA=required, but {DIR} lacks {', '.join(missing)}")
    reason = (
        f"real data not here: {', '.join(missing)} missing in {DIR} "
        "(it lies beside the checkout in CI, where these tests run)"
    )
    return pytest.mark.skipif(bool(missing), reason=reason)


def catalogs() -> list[Path]:
    """Every catalog of the real data (none where it is absent and not required)."""
    found = sorted(DIR.glob("*.catalog.yaml")) if DIR.is_dir() else []
    if not found and REQUIRED:
        raise RuntimeError(f"KUNDENAUDIT_REALDATA=required, but {DIR} holds no *.catalog.yaml")
    return found
