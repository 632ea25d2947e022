"""The portfolio sums folded as they go: the floats of one pass over every scorecard with
math.fsum over the full lists (as they were taken before the sums were folded), whatever the
fold size and however parts are merged; and a size that does not grow with the customers."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import pickle
import random

import pytest

from kundenaudit.model.record import Delivery, Record
from kundenaudit.model.results import CustomerScore
from kundenaudit.model.vocabulary import Ampel, Status
from kundenaudit.score import portfolio
from kundenaudit.score.catalogs import load_catalog
from kundenaudit.score.engine import score_customer
from kundenaudit.score.portfolio import Accumulator

TODAY = dt.date(2026, 11, 27)
CATALOG, _ = load_catalog(None, TODAY)
SEGMENTS = sorted(CATALOG.segments)


def scores(n: int, seed: int = 5) -> list[CustomerScore]:
    """Customers with degrees and values that are no binary fractions (their float sums
    round), some without a value."""
    rng = random.Random(seed)
    out = []
    for c in range(n):
        services = {}
        for sid in CATALOG.services:
            status = rng.choice(list(Status))
            degree = rng.choice([0.1, 0.3, 0.7, 0.9]) if status is Status.TEILWEISE else None
            reason = "vertraglich" if status is Status.ENTBEHRLICH else None
            services[sid] = Delivery(status, degree=degree, reason=reason)
        value = None if c % 7 == 0 else rng.randint(1, 10**8) / 100
        seg = SEGMENTS[c % len(SEGMENTS)]
        rec = Record(id=f"K-{c}", segment=seg, services=services, value=value)
        out.append(score_customer(CATALOG, rec, TODAY))
    return out


SCORES = scores(300)


def summed(items: list[CustomerScore]) -> Accumulator:
    acc = Accumulator()
    for s in items:
        acc.add(s)
    return acc


def test_the_floats_are_fsum_over_the_full_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(portfolio, "FOLD", 7)  # folded 42 times on the way
    got = summed(SCORES).result(CATALOG)
    indexes = [s.index for s in SCORES if s.index is not None]
    assert got.index_mean == math.fsum(indexes) / len(indexes)
    for name, seg in got.segments.items():
        mine = [s.index for s in SCORES if s.segment == name and s.index is not None]
        assert seg.index_mean == math.fsum(mine) / len(mine)
    red = [s.value for s in SCORES if s.status is Ampel.ROT and s.value is not None]
    assert len(red) > 10
    assert got.value_at_risk == math.fsum(red)
    for top in got.top_gaps:
        values = [s.value for s in SCORES for g in s.gaps if g.service == top.service]
        assert top.value == math.fsum(v for v in values if v is not None)
    for name, row in got.heatmap.items():
        levels = CATALOG.segments[name].levels
        members = [s for s in SCORES if s.segment == name]
        for sid, heat in row.items():
            applies = sum(levels[sid] is not None and sid not in s.exempt for s in members)
            gaps = [g for s in members for g in s.gaps if g.service == sid]
            missing = math.fsum([len(gaps), *(-g.degree for g in gaps)])
            assert heat == (100 * (applies - missing) / applies if applies else None)


@pytest.mark.parametrize("fold", [1, 3, 64, 10**9])
def test_fold_size_and_merged_parts_do_not_change_the_result(
    fold: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = summed(SCORES).result(CATALOG)
    monkeypatch.setattr(portfolio, "FOLD", fold)
    assert summed(SCORES).result(CATALOG) == expected
    merged = Accumulator()
    for lo, hi in itertools.pairwise([0, 17, 18, 150, 299, 300]):
        part = pickle.loads(pickle.dumps(summed(SCORES[lo:hi])))  # as from a worker
        merged.merge(part)
    assert merged.result(CATALOG) == expected


def test_the_sums_do_not_grow_with_the_customers() -> None:
    small, large = summed(SCORES[:100]), summed(SCORES * 40)  # 12,000 scorecards
    large.result(CATALOG)
    small.result(CATALOG)  # folded both
    # pickled, the state is a few floats per sum however many customers were counted in
    assert len(pickle.dumps(large)) < 1.2 * len(pickle.dumps(small))
