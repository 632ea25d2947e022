"""`diff`'s attribution (SPEC §9) on hand-worked cases; arithmetic in the comments.

Catalogs here have two services, a (Muss) and b (Soll), weight 1, level weights 3/2/1, so a
customer with a erfuellt and b nicht_erfuellt has the index 100 * 3*1 / (3*1 + 2*1) = 60.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kundenaudit.model.catalog_file import CatalogFile
from kundenaudit.model.diff import (
    KIND_CAUSE,
    CatalogRef,
    ChangeKind,
    CustomerChange,
    CustomerDiff,
    Diff,
)
from kundenaudit.model.record import Delivery, Record
from kundenaudit.model.time_options import Regression
from kundenaudit.model.vocabulary import Ampel, Status
from kundenaudit.score.catalog import resolve
from kundenaudit.score.diff import diff, regressions
from kundenaudit.score.diff_inputs import Audit, audit

OK, NO = Delivery(Status.ERFUELLT), Delivery(Status.NICHT_ERFUELLT)
DAY = dt.date(2026, 11, 20)


def catalog(
    b: dict[str, Any] | None = None,
    a: dict[str, Any] | None = None,
    goals: list[dict[str, Any]] | None = None,
) -> CatalogFile:
    return CatalogFile.model_validate(
        {
            "kundenaudit": 1,
            "name": "T",
            "segments": [
                {"id": "standard", "name": "S", "goals": goals or []},
                {"id": "key", "name": "K", "extends": "standard"},
            ],
            "services": [
                {"id": "a", "name": "A", "level": "muss", "action": "x", **(a or {})},
                {
                    "id": "b",
                    "name": "B",
                    "level": "soll",
                    "action": "y",
                    "levels": {"key": "muss"},
                    **(b or {}),
                },
            ],
        }
    )


def rec(
    segment: str = "standard", audited: dt.date = DAY, value: float | None = None, **services: Any
) -> Record:
    return Record(
        id="K-1",
        segment=segment,
        services=services or {"a": OK, "b": NO},
        source="s.json",
        line=1,
        value=value,
        audited=audited,
    )


def side(cf: CatalogFile, *records: Record) -> Audit:
    return audit(resolve(cf), list(records), DAY, None)


def one(d: Diff) -> CustomerDiff:
    [c] = d.customers
    return c


def test_every_change_kind_has_a_cause() -> None:
    assert set(KIND_CAUSE) == set(ChangeKind)


def test_a_soll_raised_to_muss() -> None:
    # old: 60 (see above); new: b Muss, 100 * 3 / (3 + 3) = 50; the catalog did all of it
    c = one(diff(side(catalog(), rec()), side(catalog(b={"level": "muss"}), rec())))
    assert (c.old.status, c.new.status) == (Ampel.GRUEN, Ampel.ROT)  # type: ignore[union-attr]
    assert c.delta == pytest.approx(-10) and c.catalog == pytest.approx(-10)
    assert c.delivery == 0
    [ch] = c.changes
    assert (ch.service, ch.kind.value, ch.cause.value, ch.old, ch.new) == (
        "b",
        "level_up",
        "catalog",
        "soll",
        "muss",
    )
    assert ch.effect == pytest.approx(-10)
    assert c.counterfactual is not None
    assert (c.counterfactual.old_catalog, c.counterfactual.old_delivery) == (Ampel.GRUEN, Ampel.ROT)


def test_a_weight_change() -> None:
    # b weight 3: 100 * 3 / (3 + 2*3) = 33.33; 33.33 - 60 = -26.67, all through the catalog
    c = one(diff(side(catalog(), rec()), side(catalog(b={"weight": 3}), rec())))
    assert c.delta == pytest.approx(100 / 3 - 60) and c.catalog == pytest.approx(100 / 3 - 60)
    assert [(ch.kind.value, ch.old, ch.new) for ch in c.changes] == [("weight", 1, 3)]


def test_a_knockout_switched_on() -> None:
    # Muss goal lowered to 50: a teilweise 0.5 meets it (gruen); as a knock-out a is rot.
    # The index stays 100 * (3*0.5 + 2*1) / 5 = 70: delta, catalog and delivery are 0.
    goals = [{"level": "muss", "min": 50}]
    r = rec(a=Delivery(Status.TEILWEISE), b=OK)
    c = one(
        diff(side(catalog(goals=goals), r), side(catalog(a={"knockout": True}, goals=goals), r))
    )
    assert (c.old.status, c.new.status, c.old.index) == (Ampel.GRUEN, Ampel.ROT, 70)  # type: ignore[union-attr]
    assert (c.delta, c.catalog, c.delivery) == (0, 0, 0)
    assert c.change is CustomerChange.CHANGED
    assert [(ch.kind.value, ch.old, ch.new, ch.effect) for ch in c.changes] == [
        ("knockout_on", False, True, 0)
    ]


def test_an_exemption_that_expired() -> None:
    # old audit: b exempted until 2026-12-31: only a counts, 100 * 3/3 = 100;
    # new audit 2027-02-20: the exemption has expired, b counts 0: 100 * 3/5 = 60
    b = Delivery(Status.ENTBEHRLICH, reason="r", until=dt.date(2026, 12, 31))
    old, new = rec(a=OK, b=b), rec(audited=dt.date(2027, 2, 20), a=OK, b=b)
    c = one(diff(side(catalog(), old), side(catalog(), new)))
    assert (c.delta, c.catalog, c.delivery) == (-40, 0, -40)
    assert [(ch.kind.value, ch.cause.value, ch.old, ch.new, ch.effect) for ch in c.changes] == [
        ("exemption_expired", "delivery", "entbehrlich", "entbehrlich (abgelaufen)", -40)
    ]


def test_a_customer_that_moved_segment() -> None:
    # standard: 60; key (b Muss there): 100 * 3 / (3 + 3) = 50; same catalog: all delivery
    c = one(diff(side(catalog(), rec()), side(catalog(), rec(segment="key"))))
    assert c.delta == pytest.approx(-10) and c.delivery == pytest.approx(-10) and c.catalog == 0
    [ch] = c.changes
    assert (ch.service, ch.kind.value, ch.old, ch.new) == (None, "segment_moved", "standard", "key")
    assert ch.effect == pytest.approx(-10)


def test_green_only_because_a_muss_became_a_soll() -> None:
    # old: a and b Muss, b missing: Muss 50 % -> rot, index 100 * 3 / 6 = 50;
    # new: b Soll: Muss 100 % -> gruen, index 100 * 3 / 5 = 60; delivery unchanged
    old = side(catalog(b={"level": "muss", "levels": {}}), rec(value=1000))
    new = side(catalog(), rec(value=1000))
    d = diff(old, new)
    c = one(d)
    assert c.catalog == pytest.approx(10) and c.delivery == 0
    assert d.portfolio.improved_by_catalog_only == ["K-1"]
    assert d.portfolio.transitions[Ampel.ROT][Ampel.GRUEN] == 1
    var = d.portfolio.value_at_risk
    # red before (1000), green after; the catalog caused it: -1000, the delivery 0
    assert (var.old, var.new, var.catalog, var.delivery) == (1000, 0, -1000, 0)
    assert regressions(d, Regression.ANY) == []
    # the other way round: worse only through the catalog
    back = diff(new, old)
    assert regressions(back, Regression.DELIVERY) == []
    assert regressions(back, Regression.ANY) == ["K-1"]


def test_worse_delivery_and_gone_customers_are_regressions() -> None:
    # b erfuellt -> nicht: 100 -> 60, the delivery's doing
    d = diff(side(catalog(), rec(a=OK, b=OK)), side(catalog(), rec()))
    assert one(d).delivery == pytest.approx(-40)
    assert [ch.kind.value for ch in one(d).changes] == ["worsened"]
    assert regressions(d, Regression.DELIVERY) == ["K-1"]
    gone = diff(side(catalog(), rec()), side(catalog()))
    assert one(gone).change is CustomerChange.GONE
    assert [ch.kind.value for ch in one(gone).changes] == ["gone"]
    assert regressions(gone, Regression.DELIVERY) == ["K-1"]
    new = diff(side(catalog()), side(catalog(), rec()))
    assert one(new).change is CustomerChange.NEW and one(new).old is None


@pytest.mark.parametrize(
    ("was", "now", "kind"),
    [
        (None, OK, "assessed"),
        (Delivery(Status.OFFEN), Delivery(Status.TEILWEISE, degree=0.7), "assessed"),
        (
            Delivery(Status.TEILWEISE, degree=0.5),
            Delivery(Status.TEILWEISE, degree=0.7),
            "improved",
        ),
        (OK, Delivery(Status.TEILWEISE), "worsened"),
        (NO, Delivery(Status.ENTBEHRLICH, reason="r"), "exempted"),
        (Delivery(Status.ENTBEHRLICH, reason="r"), OK, "assessed"),
    ],
)
def test_delivery_change_kinds(was: Any, now: Any, kind: str) -> None:
    old = rec(a=OK, **({"b": was} if was is not None else {}))
    c = one(diff(side(catalog(), old), side(catalog(), rec(a=OK, b=now))))
    assert [ch.kind.value for ch in c.changes] == [kind]
    assert c.delta == pytest.approx(c.changes[0].effect)  # one change: its effect is all of it


def test_transitions_are_keyed_by_ampel_every_pair_present() -> None:
    # one customer, rot before and gruen after (as above): 3 x 3 pairs, one of them 1
    old = side(catalog(b={"level": "muss", "levels": {}}), rec())
    t = diff(old, side(catalog(), rec())).portfolio.transitions
    assert list(t) == [Ampel.ROT, Ampel.GELB, Ampel.GRUEN]
    # members, not their words: a plain 'rot' key compares equal to Ampel.ROT
    assert all(type(k) is Ampel for k in [*t, *(n for row in t.values() for n in row)])
    assert {(o, n): c for o, row in t.items() for n, c in row.items() if c} == {
        (Ampel.ROT, Ampel.GRUEN): 1
    }


def test_each_side_names_its_catalog_with_a_typed_record() -> None:
    old = audit(resolve(catalog()), [rec()], DAY, "ab" * 32)
    d = diff(old, side(catalog(), rec()))
    assert d.old.catalog == CatalogRef(name="T", sha256="ab" * 32)
    assert d.new.catalog == CatalogRef(name="T", sha256=None)
