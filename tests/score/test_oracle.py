"""The engine equals the plain reference scorer (tests/oracle.py) on random catalogs and records,
in every field of the result."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kundenaudit.model.catalog_file import CatalogFile
from kundenaudit.model.record import Record
from kundenaudit.model.record_file import CustomerFile
from kundenaudit.model.results import CustomerScore
from kundenaudit.score.catalog import check, resolve
from kundenaudit.score.engine import score_customer
from tests import oracle

AUDIT = dt.date(2026, 11, 20)
TODAY = dt.date(2026, 12, 1)
LEVELS = ("muss", "soll", "kann")
WEIGHTS = (0.1, 0.2, 0.25, 0.5, 1, 1.5, 2, 3, 7)
DEGREES = (0.004, 0.1, 0.25, 0.333, 0.5, 0.7, 0.75, 0.996)
MINS = (0, 25, 50, 66.7, 70, 75, 81.25, 90, 100)
dates = st.sampled_from([AUDIT - dt.timedelta(days=30), AUDIT - dt.timedelta(days=1), AUDIT,
                         AUDIT + dt.timedelta(days=1), AUDIT + dt.timedelta(days=200)])  # fmt: skip
levels = st.sampled_from([*LEVELS, "entfaellt"])


@st.composite
def goals(draw: st.DrawFn, service_ids: list[str]) -> list[dict[str, Any]]:
    out: dict[Any, dict[str, Any]] = {}
    for _ in range(draw(st.integers(0, 3))):
        goal: dict[str, Any] = {"min": draw(st.sampled_from(MINS))}
        if draw(st.booleans()):
            goal["level"] = draw(st.sampled_from(LEVELS))
            key: Any = goal["level"]
        else:
            listed = draw(st.lists(st.sampled_from(service_ids), min_size=1, max_size=3))
            goal["services"] = listed
            key = frozenset(listed)
        if draw(st.booleans()):
            goal["by"] = draw(dates)
        out.setdefault(key, goal)  # two goals of one segment with the same content: an error
    return list(out.values())


@st.composite
def catalogs(draw: st.DrawFn) -> dict[str, Any]:
    service_ids = [f"s{i}" for i in draw(st.permutations(range(draw(st.integers(1, 7)))))]
    segment_ids = [f"g{i}" for i in range(draw(st.integers(1, 3)))]
    segments = []
    for i, seg_id in enumerate(segment_ids):
        seg: dict[str, Any] = {"id": seg_id, "name": seg_id.upper()}
        if i and draw(st.booleans()):
            seg["extends"] = draw(st.sampled_from(segment_ids[:i]))
        seg["goals"] = draw(goals(service_ids))
        segments.append(seg)
    services: list[dict[str, Any]] = []
    for sid in service_ids:
        svc: dict[str, Any] = {"id": sid, "name": f"Leistung {sid}", "level": draw(levels)}
        overrides = draw(st.lists(st.sampled_from(segment_ids), unique=True, max_size=2))
        svc["levels"] = {seg: draw(levels) for seg in overrides}
        svc["weight"] = draw(st.sampled_from(WEIGHTS))
        svc["knockout"] = draw(st.booleans())
        competition = draw(st.sampled_from([None, "standard", "some", "none"]))
        if competition:
            svc["competition"] = competition
        effort = draw(st.sampled_from([None, 1, 2, 3, 5]))
        if effort:
            svc["effort"] = effort
        if draw(st.booleans()):
            svc["action"] = f"Tun {sid}"
        if draw(st.booleans()):
            svc["ref"] = f"VK-{len(services)}.{sid}"
        services.append(svc)
    cat: dict[str, Any] = {"kundenaudit": 1, "name": "Zufall", "segments": segments}
    cat["services"] = services
    if draw(st.booleans()):
        cat["weights"] = {lvl: draw(st.sampled_from(WEIGHTS)) for lvl in LEVELS}
    return cat


@st.composite
def deliveries(draw: st.DrawFn) -> Any:
    status = draw(st.sampled_from(["erfuellt", "teilweise", "nicht_erfuellt", "offen",
                                   "entbehrlich", "teilweise-degree"]))  # fmt: skip
    if status == "teilweise-degree":
        return {"status": "teilweise", "degree": draw(st.sampled_from(DEGREES))}
    if status == "entbehrlich":
        exemption: dict[str, Any] = {"status": status, "reason": "Kunde will nicht"}
        if draw(st.booleans()):
            exemption["until"] = draw(dates)
        return exemption
    return status if draw(st.booleans()) else {"status": status}


@st.composite
def records(draw: st.DrawFn, cat: dict[str, Any]) -> dict[str, Any]:
    seg = draw(st.sampled_from([s["id"] for s in cat["segments"]]))
    mentioned = draw(st.lists(st.sampled_from([s["id"] for s in cat["services"]]), unique=True))
    return {
        "kundenaudit": 1,
        "customer": {"id": "K1", "name": "Kunde", "segment": seg, "value": 1000},
        "audited": AUDIT,
        "services": {sid: draw(deliveries()) for sid in mentioned},
    }


@st.composite
def cases(draw: st.DrawFn) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    cat = draw(catalogs())
    return cat, draw(st.lists(records(cat), min_size=1, max_size=4))


def close(engine: float | None, exact: Fraction | None) -> bool:
    if engine is None or exact is None:
        return engine is None and exact is None
    return abs(Fraction(engine) - exact) < Fraction(1, 10**9)


def assert_equal(s: CustomerScore, want: dict[str, Any]) -> None:
    assert s.status.value == want["status"]
    assert close(s.index, want["index"])
    assert s.coverage.keys() == want["coverage"].keys()
    assert all(close(s.coverage[k], v) for k, v in want["coverage"].items())
    assert s.counts == want["counts"]
    assert s.knockouts == want["knockouts"]
    assert len(s.goals) == len(want["goals"])
    for got, exp in zip(s.goals, want["goals"], strict=True):
        goal = exp["goal"]
        assert (got.level, got.services) == (goal.get("level"), goal.get("services"))
        assert (got.min, got.by) == (goal["min"], goal.get("by"))
        assert close(got.actual, exp["actual"])
        assert got.state.value == exp["state"]
    assert [g.service for g in s.gaps] == [r["id"] for r in want["gaps"]]
    for gap, r in zip(s.gaps, want["gaps"], strict=True):
        svc = r["svc"]
        assert (gap.name, gap.level, gap.nominal_level) == (svc["name"], r["level"], r["nominal"])
        assert (gap.competition, gap.knockout) == (svc.get("competition"), r["knockout"])
        assert (gap.status, gap.expired) == (r["status"], r["expired"])
        assert (gap.effort, gap.action) == (svc.get("effort"), svc.get("action"))
        assert gap.ref == svc.get("ref")
        assert close(gap.degree, r["d"])
        assert close(gap.gain, r["gain"])
    assert s.next_steps == want["next_steps"]
    assert s.differentiators == want["differentiators"]
    assert s.exempt == want["exempt"]
    assert s.expired == want["expired"]


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_the_engine_equals_the_oracle(case: tuple[dict[str, Any], list[dict[str, Any]]]) -> None:
    cat_dict, recs = case
    cf = CatalogFile.model_validate(cat_dict)
    assert not [p for p in check(cf, TODAY) if p.severity.value == "error"]
    cat = resolve(cf)
    for rec in recs:
        model = CustomerFile.model_validate(rec)
        score = score_customer(cat, Record.from_file(model, "k.yaml", 1), TODAY)
        assert (score.id, score.segment, score.audited) == ("K1", rec["customer"]["segment"], AUDIT)
        assert_equal(score, oracle.score(cat_dict, rec))
