"""Properties of `diff`'s attribution (SPEC §9) on random catalogs and deliveries."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from kundenaudit.model.catalog_file import CatalogFile
from kundenaudit.model.diff import CustomerChange, Diff
from kundenaudit.model.record import Delivery, DeliveryLike, Record
from kundenaudit.model.vocabulary import Status
from kundenaudit.score.catalog import resolve
from kundenaudit.score.diff import diff
from kundenaudit.score.diff_inputs import Audit, audit

SERVICES = ["s1", "s2", "s3", "s4"]
SEGMENTS = ["g", "h"]
DAY = dt.date(2026, 11, 20)
LEVELS = st.sampled_from(["muss", "soll", "kann", "entfaellt"])


@st.composite
def catalogs(draw: st.DrawFn) -> CatalogFile:
    services = []
    for sid in SERVICES:
        services.append(
            {
                "id": sid,
                "name": sid,
                "level": draw(st.sampled_from(["muss", "soll", "kann"])),
                "levels": {"h": draw(LEVELS)} if draw(st.booleans()) else {},
                "weight": draw(st.sampled_from([0.5, 1, 2, 3])),
                "knockout": draw(st.booleans()),
                "competition": draw(st.sampled_from([None, "some", "none", "standard"])),
                "action": "x",
            }
        )
    goals = [
        {"level": draw(st.sampled_from(["soll", "kann"])), "min": draw(st.sampled_from([50, 80]))}
    ]
    return CatalogFile.model_validate(
        {
            "kundenaudit": 1,
            "name": "T",
            "weights": {"muss": draw(st.sampled_from([3, 4])), "soll": 2, "kann": 1},
            "segments": [{"id": "g", "name": "G", "goals": goals}, {"id": "h", "name": "H"}],
            "services": services,
        }
    )


DELIVERIES: st.SearchStrategy[DeliveryLike] = st.sampled_from(
    [
        Delivery(Status.ERFUELLT),
        Delivery(Status.NICHT_ERFUELLT),
        Delivery(Status.OFFEN),
        Delivery(Status.TEILWEISE, degree=0.25),
        Delivery(Status.TEILWEISE),
        Delivery(Status.ENTBEHRLICH, reason="r"),
        Delivery(Status.ENTBEHRLICH, reason="r", until=dt.date(2026, 1, 1)),  # expired
    ]
)


@st.composite
def deliveries(draw: st.DrawFn) -> list[Record]:
    out = []
    for i in range(draw(st.integers(1, 4))):
        services = {sid: draw(DELIVERIES) for sid in SERVICES if draw(st.booleans())}
        out.append(
            Record(
                id=f"K-{i}",
                segment=draw(st.sampled_from(SEGMENTS)),
                services=services,
                source="x",
                line=1,
                value=float(i * 100),
                audited=DAY,
            )
        )
    return out


def run(co: CatalogFile, do: list[Record], cn: CatalogFile, dn: list[Record]) -> Diff:
    old: Audit = audit(resolve(co), do, DAY, None)
    new: Audit = audit(resolve(cn), dn, DAY, None)
    return diff(old, new)


FAST = settings(max_examples=60, deadline=None)


@FAST
@given(catalogs(), deliveries(), catalogs(), deliveries())
def test_parts_add_up_to_the_change(
    co: CatalogFile, do: list[Record], cn: CatalogFile, dn: list[Record]
) -> None:
    d = run(co, do, cn, dn)
    for c in d.customers:
        if c.catalog is not None and c.delivery is not None:
            assert c.delta is not None
            assert abs(c.catalog + c.delivery - c.delta) <= 1e-9
        if (
            c.old is not None
            and c.new is not None
            and c.old.index is not None
            and c.new.index is not None
        ):
            assert c.delta is not None and abs(c.delta - (c.new.index - c.old.index)) <= 1e-9
    var = d.portfolio.value_at_risk
    assert abs(var.catalog + var.delivery - (var.new - var.old)) <= 1e-6


@FAST
@given(catalogs(), deliveries())
def test_diff_of_an_audit_with_itself_is_empty(cf: CatalogFile, records: list[Record]) -> None:
    d = run(cf, records, cf, records)
    assert all(c.change is CustomerChange.UNCHANGED and c.changes == [] for c in d.customers)
    assert all(c.delta in (0, None) and c.catalog in (0, None) for c in d.customers)
    assert d.portfolio.improved_by_catalog_only == [] and d.portfolio.most_changed == []


@FAST
@given(catalogs(), catalogs(), deliveries())
def test_a_catalog_only_change_has_no_delivery_part(
    co: CatalogFile, cn: CatalogFile, records: list[Record]
) -> None:
    d = run(co, records, cn, records)
    for c in d.customers:
        assert c.delivery in (0, None)
        assert all(ch.cause.value == "catalog" for ch in c.changes)
    assert d.portfolio.value_at_risk.delivery == 0


@FAST
@given(catalogs(), deliveries(), deliveries())
def test_a_delivery_only_change_has_no_catalog_part(
    cf: CatalogFile, do: list[Record], dn: list[Record]
) -> None:
    d = run(cf, do, cf, dn)
    for c in d.customers:
        assert c.catalog in (0, None)
        assert all(ch.cause.value == "delivery" for ch in c.changes)
    assert d.portfolio.value_at_risk.catalog == 0


@FAST
@given(catalogs(), deliveries(), catalogs(), deliveries())
def test_swapping_old_and_new_negates_every_part(
    co: CatalogFile, do: list[Record], cn: CatalogFile, dn: list[Record]
) -> None:
    forward = {c.id: c for c in run(co, do, cn, dn).customers}
    back = {c.id: c for c in run(cn, dn, co, do).customers}
    assert set(forward) == set(back)
    for cid, f in forward.items():
        b = back[cid]
        for x, y in ((f.delta, b.delta), (f.catalog, b.catalog), (f.delivery, b.delivery)):
            assert (x is None) == (y is None)
            if x is not None and y is not None:
                assert abs(x + y) <= 1e-9
