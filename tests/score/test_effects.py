"""What each delivery adds is worked out once per segment and shared: the shared paths give the
very same floats and lists as working everything out per customer."""

from __future__ import annotations

import dataclasses
import datetime as dt
from math import fsum
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kundenaudit.model.catalog_file import CatalogFile
from kundenaudit.model.record import BARE, Delivery, Record
from kundenaudit.model.record_file import CustomerFile
from kundenaudit.model.vocabulary import Status
from kundenaudit.score import entries as entries_module
from kundenaudit.score.catalog import resolve
from kundenaudit.score.engine import score_customer
from kundenaudit.score.items import Effect
from kundenaudit.score.resolved import ScoringCatalog, segment_entries
from tests.score.test_oracle import AUDIT, TODAY, cases

CATALOG = {
    "kundenaudit": 1,
    "name": "Klein",
    "weights": {"muss": 4, "soll": 2, "kann": 1},
    "segments": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
    "services": [
        {"id": "m1", "name": "M1", "level": "muss", "weight": 2},
        {"id": "s1", "name": "S1", "level": "soll", "weight": 0.5},
        {"id": "k1", "name": "K1", "level": "kann", "weight": 3, "competition": "none"},
    ],
}


def record(cid: str, services: dict[str, Any], segment: str = "a") -> Record:
    return Record(id=cid, segment=segment, services=services, audited=AUDIT)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_shared_rows_score_as_working_each_delivery_out(
    case: tuple[dict[str, Any], list[dict[str, Any]]],
) -> None:
    cat_dict, recs = case
    shared = resolve(CatalogFile.model_validate(cat_dict))
    records = [Record.from_file(CustomerFile.model_validate(r), "k.yaml", 1) for r in recs]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(entries_module, "_ROW_EFFECTS_MAX", 0)  # no rows: each delivery worked out
        alone = resolve(CatalogFile.model_validate(cat_dict))
        want = [dataclasses.asdict(score_customer(alone, r, TODAY)) for r in records]
    for _ in range(2):  # the second time every delivery has its row
        got = [dataclasses.asdict(score_customer(shared, r, TODAY)) for r in records]
        assert got == want  # floats equal to the last bit, lists in the same order


weights = st.one_of(
    st.sampled_from([0.1, 0.2, 0.25, 0.5, 1.0, 3.0, 7.0]), st.floats(1e-6, 1e6, allow_nan=False)
)


@given(st.lists(st.tuples(weights, st.integers(0, 2), st.booleans()), max_size=30))
def test_the_denominator_without_exemptions_is_the_sum_of_the_others(
    services: list[tuple[float, int, bool]],
) -> None:
    by_rank: tuple[list[float], list[float], list[float]] = ([], [], [])
    for w, rank, _ in services:
        by_rank[rank].append(w)
    segment = entries_module.SegmentEntries(
        entries=(),
        big_w=(4.0, 2.0, 1.0),
        weights=by_rank,
        den=[],
        sids=(),
        places=(),
    )
    exempt = [
        Effect(status=Status.ENTBEHRLICH, item=None, term=0.0, rank=rank, w=w, wd=None, exempt="x")
        for w, rank, out in services
        if out
    ]
    kept = [[w for w, r, out in services if r == rank and not out] for rank in range(3)]
    assert segment.den_without(exempt) == [fsum(k) for k in kept]  # to the last bit


def test_customers_of_the_same_total_share_their_gaps() -> None:
    cat = resolve(CatalogFile.model_validate(CATALOG))
    one = score_customer(cat, record("K1", {"m1": BARE[Status.OFFEN]}), TODAY)
    two = score_customer(cat, record("K2", {"m1": Delivery(Status.OFFEN, reason="x")}), TODAY)
    assert one.gaps[0] is two.gaps[0]  # the total is 4*2 + 2*0.5 + 1*3 = 12 for both
    assert one.gaps[0].gain == 100 * 8 / 12  # W*w*(1-d) / sum(W*w), in index points
    # s1 exempt: the total is 4*2 + 1*3 = 11, so m1's gap gains 100 * 8 / 11 instead
    exempt = {"m1": BARE[Status.OFFEN], "s1": BARE[Status.ENTBEHRLICH]}
    three = score_customer(cat, record("K3", exempt), TODAY)
    assert three.gaps[0] is not one.gaps[0]
    assert three.gaps[0].gain == 100 * 8 / 11
    assert three.exempt == ["s1"] and three.counts[Status.ENTBEHRLICH] == 1


def test_an_exemption_until_a_date_is_decided_at_each_audit_date() -> None:
    cat = resolve(CatalogFile.model_validate(CATALOG))
    until = Delivery(Status.ENTBEHRLICH, reason="x", until=AUDIT)
    held = score_customer(cat, record("K1", {"s1": until}), TODAY)
    later = Record(id="K2", segment="a", services={"s1": until}, audited=AUDIT + dt.timedelta(1))
    lapsed = score_customer(cat, later, TODAY)
    assert (held.exempt, held.expired) == (["s1"], [])
    assert (lapsed.exempt, lapsed.expired) == ([], ["s1"])
    assert [(g.service, g.status, g.expired) for g in lapsed.gaps] == [
        ("m1", Status.OFFEN, False),  # Muss first, then Soll, then Kann
        ("s1", Status.OFFEN, True),
        ("k1", Status.OFFEN, False),
    ]
    assert id(until) not in segment_entries(cat, "a").rows  # it has no row: it depends on dates


def test_rows_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(entries_module, "_ROW_EFFECTS_MAX", 3 * 4)  # rows of 3 entries: 4
    cat = resolve(CatalogFile.model_validate(CATALOG))
    scores = []
    for n in range(10):  # ten different delivery objects of one degree each
        part = Delivery(Status.TEILWEISE, degree=(n + 1) / 20, reason=f"r{n}")
        scores.append(score_customer(cat, record(f"K{n}", {"s1": part}), TODAY))
    assert len(segment_entries(cat, "a").rows) == 4
    # s1 at degree d: index 100 * (4*0 + 2*0.5*d + 1*0) / 12, the same with or without a row
    assert [s.index for s in scores] == [100 * (2 * 0.5 * (n + 1) / 20) / 12 for n in range(10)]


def test_the_resolved_catalog_makes_a_segments_entries_once_and_when_first_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made: list[str] = []
    build = entries_module.build

    def counted(services: Any, segment: Any, w: Any, budget: Any) -> entries_module.SegmentEntries:
        made.append(segment.id)
        return build(services, segment, w, budget)

    monkeypatch.setattr(entries_module, "build", counted)
    cat = resolve(CatalogFile.model_validate(CATALOG))
    assert isinstance(cat, ScoringCatalog) and made == []  # nothing made at start-up
    score_customer(cat, record("K1", {}, segment="b"), TODAY)
    score_customer(cat, record("K2", {}, segment="b"), TODAY)
    assert made == ["b"]
    assert [e.sid for e in cat.entries["b"].entries] == ["k1", "m1", "s1"]


def test_the_gaps_items_keep_are_bounded_by_one_budget_per_catalog() -> None:
    cat = resolve(CatalogFile.model_validate(CATALOG))
    a, b = segment_entries(cat, "a"), segment_entries(cat, "b")
    budget = a.entries[0].budget
    assert all(e.budget is budget for e in (*a.entries, *b.entries))  # one for the catalog
    budget.left = 3
    item = next(e for e in a.entries if e.sid == "m1").offen_item  # W*w*(1-d) = 4*2*1 = 8
    assert item is not None
    gaps = [item.gap(scale) for scale in (1.0, 2.0, 3.0, 4.0, 5.0)]
    assert budget.left == 0 and list(item.gaps) == [1.0, 2.0, 3.0]  # the first three kept
    assert item.gap(2.0) is gaps[1] and item.gap(5.0) is not gaps[4]  # the rest made anew
    assert [g.gain for g in gaps] == [8.0, 16.0, 24.0, 32.0, 40.0]  # gain = scale * 8
    same = dataclasses.astuple(item.gap(5.0)) == dataclasses.astuple(gaps[4])
    assert same  # the same content, another object (gaps compare by identity)
