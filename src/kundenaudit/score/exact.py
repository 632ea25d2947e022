"""Exact running sums of floats that stay small however many terms they take.

An :class:`ExactSum` collects terms in a buffer (``terms``; append to it) and now and then
folds them into a short list of partials whose exact sum is the exact sum of every term so far:
a few floats, as ``math.fsum`` keeps internally. ``math.fsum`` is correctly rounded, so the
rounded sum of the partials (:meth:`ExactSum.total`) is bit for bit what ``math.fsum`` gives
over all the terms, in whatever order they came and however sums were merged. (The one
exception is ``math.fsum``'s own: it raises OverflowError when a running sum of finite terms
leaves the float range in the order given; here that depends only on the exact sum.)

Folding: ``s1 = fsum(terms)`` is the rounded sum; ``s2 = fsum(terms + [-s1])`` the rounded rest,
and so on until the rest is zero. A sum of floats is a multiple of the smallest subnormal, so a
rest that is not zero never rounds to zero, and each rest is at most half an ulp of the one
before: the partials are exact, usually one to three of them. When ``fsum`` overflows on the
way, the fold is done with integers instead. Infinities and NaNs are kept aside; with any of
them the total is theirs, as with ``fsum``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

FOLD = 2048  # customers an owner of sums counts in between two folds of their buffers

_SCALE = 1074  # 2**-1074, the smallest subnormal: every float is an integer multiple of it
_ONE = 1 << _SCALE
_BIG = 2.0**1023  # partial of a sum too large for one float


class ExactSum:
    """The exact sum of many floats and how many there were, in a few floats."""

    __slots__ = ("count", "partials", "specials", "terms")

    def __init__(self) -> None:
        self.terms: list[float] = []  # added, not yet folded
        self.partials: list[float] = []  # their exact sum is that of the folded terms
        self.specials: list[float] = []  # inf, -inf, nan seen (each at most once)
        self.count = 0  # terms folded

    def __len__(self) -> int:
        """How many terms were added."""
        return self.count + len(self.terms)

    def extend(self, terms: Iterable[float]) -> None:
        """Add ``terms`` and fold them in."""
        self.terms.extend(terms)
        self.fold()

    def fold(self) -> None:
        """Fold the buffered terms into the partials."""
        terms = self.terms
        if terms:
            self.count += len(terms)
            self.partials = _expansion(self.partials + terms, self.specials)
            terms.clear()

    def merge(self, other: ExactSum) -> None:
        """Add the terms of ``other`` (left as it is)."""
        self.count += len(self.terms) + len(other)
        work = self.partials + self.terms + other.partials + other.terms
        self.terms.clear()
        self.partials = _expansion(work, self.specials)
        for x in other.specials:
            _keep_special(x, self.specials)

    def parts(self) -> list[float]:
        """Floats whose ``math.fsum`` is that of every term, to take the sum with other
        terms, e.g. ``fsum([n, *(-p for p in s.parts())])``: the partials, or the infinities
        and NaNs when there were any (``fsum`` then gives their sum, whatever the rest)."""
        self.fold()
        return self.specials or self.partials

    def total(self) -> float:
        """``math.fsum`` of every term added."""
        return math.fsum(self.parts())

    def mean(self) -> float | None:
        """The mean of the terms; None without any."""
        n = len(self)
        return self.total() / n if n else None

    def __getstate__(self) -> tuple[list[float], list[float], int]:
        self.fold()
        return self.partials, self.specials, self.count

    def __setstate__(self, state: tuple[list[float], list[float], int]) -> None:
        self.partials, self.specials, self.count = state
        self.terms = []


def _expansion(work: list[float], specials: list[float]) -> list[float]:
    """Non-overlapping floats, largest first, whose exact sum is that of the finite floats
    of ``work`` (consumed); its infinities and NaNs go to ``specials``."""
    out: list[float] = []
    try:
        while True:
            s = math.fsum(work)
            if s == 0.0:
                return out
            if not math.isfinite(s):  # inf or nan among the terms
                break
            out.append(s)
            work.append(-s)
    except (OverflowError, ValueError):  # a running sum overflowed, or inf + -inf
        pass
    return _by_integers(work + out, specials)


def _by_integers(work: list[float], specials: list[float]) -> list[float]:
    """What `_expansion` gives, computed with integers (multiples of 2**-1074)."""
    exact = 0
    for x in work:
        if math.isfinite(x):
            exact += _scaled(x)
        else:
            _keep_special(x, specials)
    out = []
    while exact:
        try:
            p = exact / _ONE  # correctly rounded
        except OverflowError:  # beyond the floats: fsum of the partials overflows, as it must
            p = _BIG if exact > 0 else -_BIG
        out.append(p)
        exact -= _scaled(p)
    return out


def _scaled(x: float) -> int:
    """``x`` as a multiple of 2**-1074 (exact)."""
    n, d = x.as_integer_ratio()  # d is a power of two, at most 2**1074
    return n << (_SCALE + 1 - d.bit_length())


def _keep_special(x: float, specials: list[float]) -> None:
    """Note an infinity or NaN once: for ``fsum``, inf + inf is inf, inf + -inf an error."""
    if not any(y == x or (math.isnan(y) and math.isnan(x)) for y in specials):
        specials.append(x)


__all__ = ["FOLD", "ExactSum"]
