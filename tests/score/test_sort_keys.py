"""Packed integer sort keys order exactly as the tuples they stand for (SPEC §3 tie-breaks)."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from kundenaudit.model.catalog import Service
from kundenaudit.model.catalog_file import ServiceSpec
from kundenaudit.model.limits import MAX_WEIGHT
from kundenaudit.model.vocabulary import Level, Status
from kundenaudit.score.entries import EFFORT_BITS, ORDER_BITS, TIE_MAX, SegmentService
from kundenaudit.score.rules import UNKNOWN_EFFORT, candidate_order, gap_order, tie

_weights = st.one_of(
    st.sampled_from([1.0, 2.0, 3.0, 0.5, 0.1, 0.2, 0.3]),
    st.floats(min_value=1e-6, max_value=MAX_WEIGHT),
)
_degrees = st.one_of(st.sampled_from([0.0, 0.5]), st.floats(min_value=0.0, max_value=0.999))


def service(**fields: Any) -> Service:
    """A checked service of these fields (the defaults of the catalog file)."""
    return Service(**dict(ServiceSpec(**fields)))


@st.composite
def entries(draw: st.DrawFn) -> tuple[SegmentService, float]:
    level = draw(st.sampled_from(list(Level)))
    svc = service(
        id=draw(st.sampled_from(["a", "b", "c", "d"])),
        name="x",
        level=level,
        weight=draw(_weights),
        effort=draw(st.one_of(st.none(), st.integers(1, 5))),
    )
    order = {"a": 0, "b": 1, "c": 2, "d": 3}[svc.id]
    entry = SegmentService(
        svc=svc,
        nominal=level,
        level=level,
        big_w=draw(_weights),  # W
        knockout=draw(st.booleans()),
        differentiator=False,
        order=order,
    )
    return entry, draw(_degrees)


def gap_tuple(e: SegmentService, d: float) -> tuple[bool, int, int, str]:
    return gap_order(e.knockout, e.level, e.big_w, e.w, d, e.sid)


def lift_tuple(e: SegmentService, d: float) -> tuple[int, int, int, str]:
    return candidate_order(e.big_w, e.w, d, e.svc.effort, e.sid)


def sign(a: Any, b: Any) -> int:
    return int(a > b) - int(a < b)


@given(entries(), entries())
def test_gap_keys_order_as_their_tuples(
    one: tuple[SegmentService, float], two: tuple[SegmentService, float]
) -> None:
    (a, da), (b, db) = one, two
    assert sign(a.gap_key(da), b.gap_key(db)) == sign(gap_tuple(a, da), gap_tuple(b, db))


@given(entries(), entries())
def test_lift_keys_order_as_their_tuples(
    one: tuple[SegmentService, float], two: tuple[SegmentService, float]
) -> None:
    (a, da), (b, db) = one, two
    assert sign(a.lift_key(da), b.lift_key(db)) == sign(lift_tuple(a, da), lift_tuple(b, db))


@given(entries())
def test_items_carry_the_keys_of_their_degree(one: tuple[SegmentService, float]) -> None:
    e, d = one
    shared = [(e.offen_item, 0.0), (e.nicht_item, 0.0), (e.teilweise_item, 0.5)]
    for item, degree in [*shared, (e.partial_item(d), d), (e.item(Status.OFFEN, d, True), d)]:
        assert item is not None and item.degree == degree
        assert (item.gap_key, item.lift_key) == (e.gap_key(degree), e.lift_key(degree))
    assert e.partial_item(d) is e.partial_item(d)  # remembered, not made again


def test_every_field_fits_its_bits() -> None:
    assert tie(MAX_WEIGHT * MAX_WEIGHT) <= TIE_MAX  # the largest W*w a catalog can have
    assert UNKNOWN_EFFORT < 1 << EFFORT_BITS
    assert 1 << ORDER_BITS > 1_000_000  # services in a catalog


def test_an_entry_remembers_a_bounded_number_of_degrees() -> None:
    svc = service(id="a", name="x", level=Level.MUSS)
    e = SegmentService(
        svc=svc,
        nominal=Level.MUSS,
        level=Level.MUSS,
        big_w=3.0,
        knockout=False,
        differentiator=False,
    )
    degrees = [n / 1000 for n in range(1, 200)]
    items = [e.partial_item(d) for d in degrees]
    assert [i.degree for i in items] == degrees
    assert len(e.partial_items) == 64
