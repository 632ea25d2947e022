"""The exact running sums: bit for bit what math.fsum gives over every term, whatever the order
and however parts are merged, in a few floats."""

from __future__ import annotations

import itertools
import math
import pickle
import random
import struct
import sys
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kundenaudit.score.exact import ExactSum

MAX = sys.float_info.max
TINY = 5e-324  # the smallest subnormal

# Any finite float, and a few that make sums hard: huge ones that cancel, subnormals, values
# a unit in the last place apart, decimals that are no binary fractions.
HARD = st.sampled_from([MAX, -MAX, 2.0**1023, -(2.0**1023), 1e308, -1e308, TINY, -TINY,
                        2.2250738585072014e-308, 1.0, -1.0, 1.0 + 2**-52, 2.0**53, 0.1, 0.3,
                        -0.0, 0.0, 1e-300, 1e16, -1e16])  # fmt: skip
TERM = st.one_of(st.floats(allow_nan=False, allow_infinity=False), HARD)
MONEY = st.integers(-(10**9), 10**9).map(lambda c: c / 100)  # cents as written in exports


def bits(x: float) -> bytes:
    return struct.pack("<d", x)


def exact_rounded(terms: list[float]) -> float:
    """The exact sum rounded once (int / int true division rounds correctly)."""
    total = sum(map(Fraction, terms), Fraction(0))
    return total.numerator / total.denominator


def summed(terms: list[float], cuts: list[int], seed: int) -> ExactSum:
    """``terms`` added in parts cut at ``cuts``, each folded at random points, merged in a
    random order."""
    rng = random.Random(seed)
    bounds = [0, *sorted(c % (len(terms) + 1) for c in cuts), len(terms)]
    parts = []
    for lo, hi in itertools.pairwise(bounds):
        part = ExactSum()
        for x in terms[lo:hi]:
            part.terms.append(x)
            if rng.random() < 0.2:
                part.fold()
        parts.append(part)
    rng.shuffle(parts)
    whole = parts[0]
    for part in parts[1:]:
        whole.merge(part)
    return whole


@settings(max_examples=400, deadline=None)
@given(st.lists(TERM, max_size=60), st.lists(st.integers(0, 10**6), max_size=5), st.integers())
def test_total_is_fsum_of_every_term(terms: list[float], cuts: list[int], seed: int) -> None:
    got = summed(terms, cuts, seed)
    assert len(got) == len(terms)
    try:
        want = math.fsum(terms)
    except OverflowError:  # fsum's running sum left the floats in this order
        try:
            want = exact_rounded(terms)
        except OverflowError:  # the exact sum is not a float either
            with pytest.raises(OverflowError):
                got.total()
            return
    assert bits(got.total()) == bits(want)
    assert len(got.partials) <= 41  # the floats span 2098 bits, a partial takes 53 of them


@settings(max_examples=200, deadline=None)
@given(st.lists(MONEY, max_size=200), st.randoms(use_true_random=False))
def test_order_does_not_matter(terms: list[float], rng: random.Random) -> None:
    shuffled = list(terms)
    rng.shuffle(shuffled)
    one, two = ExactSum(), ExactSum()
    one.extend(terms)
    for x in shuffled:
        two.extend([x])
    assert bits(one.total()) == bits(two.total()) == bits(math.fsum(terms))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(TERM, st.sampled_from([math.inf, -math.inf, math.nan])), min_size=1, max_size=30
    ),
    st.lists(st.integers(0, 100), max_size=3),
    st.integers(),
)
def test_infinities_and_nans_count_as_fsum_counts_them(
    terms: list[float], cuts: list[int], seed: int
) -> None:
    got = summed(terms, cuts, seed)
    try:
        want = math.fsum(terms)
    except OverflowError:  # fsum's answer depends on the order here (see above)
        return
    except ValueError:  # inf + -inf
        with pytest.raises(ValueError, match="inf"):
            got.total()
        return
    total = got.total()
    assert bits(total) == bits(want) or (math.isnan(total) and math.isnan(want))
    assert len(got.specials) <= 3


def test_cancellation_leaves_the_tiny_rest() -> None:
    s = ExactSum()
    s.extend([1e308, TINY, 1e308, -1e308, -1e308, 1.0, -1.0])
    # the huge terms cancel exactly; what is left is the smallest subnormal, not 0
    assert s.total() == TINY
    assert s.partials == [TINY]


def test_partials_stay_few_over_many_terms() -> None:
    rng = random.Random(3)
    s, terms = ExactSum(), []
    for _ in range(20):
        batch = [rng.uniform(-1, 1) * 10 ** rng.randint(-30, 30) for _ in range(1000)]
        terms += batch
        s.extend(batch)
        assert len(s.partials) <= 41
    assert s.total() == math.fsum(terms)
    assert len(s) == 20_000


def test_empty_and_zero_sums() -> None:
    assert ExactSum().total() == 0.0
    assert ExactSum().mean() is None
    s = ExactSum()
    s.extend([-0.0, -0.0])
    assert bits(s.total()) == bits(math.fsum([-0.0, -0.0]))  # +0.0, as fsum gives
    assert s.partials == []
    assert s.mean() == 0.0


def test_a_sum_beyond_the_floats_overflows_as_fsum_does() -> None:
    s = ExactSum()
    s.extend([MAX, MAX])
    with pytest.raises(OverflowError):
        s.total()
    s.extend([-MAX])  # back in range: exact again
    assert s.total() == MAX


def test_parts_give_the_sum_with_other_terms() -> None:
    s = ExactSum()
    degrees = [0.1, 0.7, 0.3, 0.9, 0.1]
    s.extend(degrees)
    assert math.fsum([5, *(-p for p in s.parts())]) == math.fsum([5, *(-d for d in degrees)])


def test_pickled_sums_are_folded_and_equal() -> None:
    s = ExactSum()
    s.terms += [0.1] * 10
    back = pickle.loads(pickle.dumps(s))
    assert (back.terms, len(back), back.total()) == ([], 10, math.fsum([0.1] * 10))
    back.terms.append(0.2)
    assert back.total() == math.fsum([0.1] * 10 + [0.2])
