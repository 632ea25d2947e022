"""Closed sets of the `diff` options, light enough for the command line to import at start."""

from __future__ import annotations

import enum


class Regression(str, enum.Enum):
    """What `diff --fail-on-regression` counts."""

    DELIVERY = "delivery"
    ANY = "any"
