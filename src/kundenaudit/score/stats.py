"""Interval estimates for proportions in plain Python: Wilson's score interval and Newcombe's
interval of a difference built from two of them (Newcombe 1998, method 10)."""

from __future__ import annotations

import math

Z95 = 1.959963984540054  # the standard normal quantile of 0.975


def wilson(events: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The score interval of the proportion ``events / n`` (``n`` > 0), as fractions."""
    p = events / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def newcombe(e1: int, n1: int, e2: int, n2: int, z: float = Z95) -> tuple[float, float, float]:
    """``p1 - p2`` and its interval, as fractions: the hybrid score interval, which keeps
    within -1..1 and behaves at rates near 0 or 1 where the Wald interval fails."""
    p1, p2 = e1 / n1, e2 / n2
    l1, u1 = wilson(e1, n1, z)
    l2, u2 = wilson(e2, n2, z)
    d = p1 - p2
    low = d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return d, low, high
