"""Property tests of scoring (SPEC §3) on small random catalogs and records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kundenaudit.model.catalog import Catalog
from kundenaudit.model.catalog_file import CatalogFile
from kundenaudit.model.record import Delivery, Record
from kundenaudit.model.results import CustomerScore
from kundenaudit.model.vocabulary import Ampel, Level, Status
from kundenaudit.score.catalog import resolve
from kundenaudit.score.engine import score_customer
from kundenaudit.score.rules import effective_level

AUDIT = dt.date(2026, 11, 20)
TODAY = dt.date(2026, 11, 27)
LEVELS = ("muss", "soll", "kann")
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

dates = st.dates(min_value=dt.date(2026, 9, 1), max_value=dt.date(2027, 3, 1))
weights = st.sampled_from([0.5, 1, 1.5, 2, 3])
level_or_none = st.sampled_from([*LEVELS, "entfaellt"])


@dataclass(frozen=True)
class Scenario:
    cat: Catalog
    segment: str
    services: dict[str, Delivery]


@st.composite
def goal_specs(draw: Any, service_ids: list[str]) -> dict[str, Any]:
    goal: dict[str, Any] = {"min": draw(st.integers(0, 100))}
    if draw(st.booleans()):
        goal["level"] = draw(st.sampled_from(LEVELS))
    else:
        goal["services"] = draw(
            st.lists(st.sampled_from(service_ids), min_size=1, max_size=3, unique=True)
        )
    if draw(st.booleans()):
        goal["by"] = draw(dates)
    return goal


@st.composite
def catalogs(draw: Any) -> Catalog:
    n_seg = draw(st.integers(1, 3))
    seg_ids = [f"g{i}" for i in range(n_seg)]
    n_svc = draw(st.integers(1, 8))
    svc_ids = [f"s{i}" for i in range(n_svc)]
    segments = []
    for i, sid in enumerate(seg_ids):
        seg: dict[str, Any] = {"id": sid, "name": sid.upper()}
        if i and draw(st.booleans()):
            seg["extends"] = draw(st.sampled_from(seg_ids[:i]))  # no cycles
        goals = draw(st.lists(goal_specs(svc_ids), max_size=3))
        seen: set[Any] = set()
        unique = []
        for g in goals:  # one goal per content within a segment
            key = g.get("level") or frozenset(g["services"])
            if key not in seen:
                seen.add(key)
                unique.append(g)
        seg["goals"] = unique
        segments.append(seg)
    services = []
    for sid in svc_ids:
        svc: dict[str, Any] = {
            "id": sid,
            "name": sid.upper(),
            "level": draw(level_or_none),
            "levels": draw(st.dictionaries(st.sampled_from(seg_ids), level_or_none, max_size=3)),
            "weight": draw(weights),
            "knockout": draw(st.booleans()),
            "action": "tun",
        }
        competition = draw(st.sampled_from([None, "standard", "some", "none"]))
        if competition is not None:
            svc["competition"] = competition
        effort = draw(st.none() | st.integers(1, 5))
        if effort is not None:
            svc["effort"] = effort
        services.append(svc)
    doc: dict[str, Any] = {
        "kundenaudit": 1,
        "name": "Zufall",
        "segments": segments,
        "services": services,
    }
    if draw(st.booleans()):
        doc["weights"] = {lvl: draw(weights) for lvl in LEVELS}
    return resolve(CatalogFile.model_validate(doc))


@st.composite
def deliveries(draw: Any) -> Delivery | None:
    kind = draw(st.sampled_from(["erfuellt", "teilweise", "nicht", "offen", "entbehrlich", "-"]))
    if kind == "erfuellt":
        return Delivery(Status.ERFUELLT)
    if kind == "teilweise":
        degree = draw(st.none() | st.floats(0.05, 0.95))
        return Delivery(Status.TEILWEISE, degree=degree)
    if kind == "nicht":
        return Delivery(Status.NICHT_ERFUELLT)
    if kind == "offen":
        return Delivery(Status.OFFEN)
    if kind == "entbehrlich":
        return Delivery(Status.ENTBEHRLICH, reason="Grund", until=draw(st.none() | dates))
    return None  # not mentioned


@st.composite
def scenarios(draw: Any) -> Scenario:
    cat = draw(catalogs())
    segment = draw(st.sampled_from(sorted(cat.segments)))
    services = {}
    for sid in cat.services:
        d = draw(deliveries())
        if d is not None:
            services[sid] = d
    return Scenario(cat, segment, services)


def score(sc: Scenario, services: dict[str, Delivery] | None = None) -> CustomerScore:
    rec = Record(
        id="K-1",
        segment=sc.segment,
        services=sc.services if services is None else services,
        audited=AUDIT,
    )
    return score_customer(sc.cat, rec, TODAY)


RANK = {Ampel.ROT: 0, Ampel.GELB: 1, Ampel.GRUEN: 2}


@SETTINGS
@given(scenarios())
def test_index_and_coverages_within_0_100(sc: Scenario) -> None:
    res = score(sc)
    values = [res.index, *res.coverage.values()]
    assert all(v is None or -1e-9 <= v <= 100 + 1e-9 for v in values)
    assert set(res.coverage) == set(LEVELS)
    if res.index is None:
        assert all(v is None for v in res.coverage.values())
        assert res.gaps == [] and res.status is Ampel.GRUEN


@SETTINGS
@given(scenarios())
def test_gains_add_up_to_the_missing_index_points(sc: Scenario) -> None:
    res = score(sc)
    if res.index is None:
        assert res.gaps == []
    else:
        assert sum(g.gain for g in res.gaps) == pytest.approx(100 - res.index, abs=1e-6)
        assert all(g.gain > 0 for g in res.gaps)


@SETTINGS
@given(scenarios(), st.data())
def test_fulfilling_a_gap_never_makes_things_worse(sc: Scenario, data: st.DataObject) -> None:
    before = score(sc)
    if not before.gaps:
        return
    gap = data.draw(st.sampled_from(before.gaps))
    after = score(sc, {**sc.services, gap.service: Delivery(Status.ERFUELLT)})
    assert after.index is not None and before.index is not None
    assert after.index >= before.index - 1e-9
    assert after.index == pytest.approx(before.index + gap.gain, abs=1e-6)
    for lvl in Level:
        b, a = before.coverage[lvl], after.coverage[lvl]
        assert (a is None) == (b is None)
        if a is not None and b is not None:
            assert a >= b - 1e-9
    assert RANK[after.status] >= RANK[before.status]
    assert gap.service not in [g.service for g in after.gaps]


@SETTINGS
@given(scenarios(), st.data())
def test_exempting_a_service_leaves_other_levels_alone(sc: Scenario, data: st.DataObject) -> None:
    sid = data.draw(st.sampled_from(sorted(sc.cat.services)))
    before = score(sc)
    exempt = Delivery(Status.ENTBEHRLICH, reason="Kunde verzichtet")
    after = score(sc, {**sc.services, sid: exempt})
    nominal = sc.cat.segments[sc.segment].levels[sid]
    own = None if nominal is None else effective_level(sc.cat.services[sid].competition, nominal)
    for lvl in Level:
        if lvl is own:
            continue
        b, a = before.coverage[lvl], after.coverage[lvl]
        assert a == (None if b is None else pytest.approx(b, abs=1e-9)), lvl


@SETTINGS
@given(scenarios())
def test_closing_the_next_steps_turns_green(sc: Scenario) -> None:
    """The plan is enough for gruen. An unmet Muss goal that is still laeuft keeps the customer
    rot (§3), so the plan counts it too (a documented decision)."""
    res = score(sc)
    if res.status is Ampel.GRUEN:
        assert res.next_steps == []
        return
    gap_ids = [g.service for g in res.gaps]
    assert set(res.next_steps) <= set(gap_ids)
    assert res.next_steps == [s for s in gap_ids if s in res.next_steps]  # gap order, no repeats
    assert set(res.knockouts) <= set(res.next_steps)
    closed = {**sc.services, **{s: Delivery(Status.ERFUELLT) for s in res.next_steps}}
    after = score(sc, closed)
    assert after.status is Ampel.GRUEN


@SETTINGS
@given(scenarios())
def test_gaps_are_sorted_and_counts_cover_the_segment(sc: Scenario) -> None:
    res = score(sc)
    rank = {"muss": 0, "soll": 1, "kann": 2}
    keys = [(not g.knockout, rank[g.level], -round(g.gain, 9), g.service) for g in res.gaps]
    assert keys == sorted(keys)
    applies = [s for s, lvl in sc.cat.segments[sc.segment].levels.items() if lvl is not None]
    assert sum(res.counts.values()) == len(applies)
    assert all(
        g.knockout == (g.level == "muss" and sc.cat.services[g.service].knockout) for g in res.gaps
    )
