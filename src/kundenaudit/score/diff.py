"""`diff`'s core (SPEC §9): every customer's index change split into a catalog part and a
delivery part by the two-order (Shapley) average, and the portfolio's transitions."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from kundenaudit.model.catalog import Catalog
from kundenaudit.model.diff import (
    Cause,
    Change,
    ChangeKind,
    Counterfactual,
    CustomerChange,
    CustomerDiff,
    Diff,
    DiffPortfolio,
    ServiceChanges,
    Side,
    ValueAtRisk,
)
from kundenaudit.model.record import Record
from kundenaudit.model.results import CustomerScore
from kundenaudit.model.time_options import Regression
from kundenaudit.model.vocabulary import Ampel
from kundenaudit.score.diff_changes import customer_changes, segment_in
from kundenaudit.score.diff_inputs import Audit
from kundenaudit.score.engine import score_customer

EPSILON = 1e-9
MOST_CHANGED = 10  # services listed under most_changed
_RANK = {Ampel.GRUEN: 0, Ampel.GELB: 1, Ampel.ROT: 2}  # higher is worse


@dataclass
class _Scorer:
    """S(C, D) for one record, through the engine; the date is each audit's own."""

    old: Audit
    new: Audit

    def card(self, cat: Catalog, rec: Record, other: str | None) -> CustomerScore | None:
        segment = segment_in(cat, rec, other)
        if segment is None:
            return None
        today = self.old.today if rec.audited is None else rec.audited
        return score_customer(cat, rec, today, segment)

    def index(self, cat: Catalog, rec: Record, other: str | None) -> float | None:
        card = self.card(cat, rec, other)
        return None if card is None else card.index


def diff(old: Audit, new: Audit) -> Diff:
    """Every customer of either audit (old order, then the new ones), and the portfolio."""
    s = _Scorer(old, new)
    ids = [*old.records, *(c for c in new.records if c not in old.records)]
    customers = [_customer(s, old.records.get(c), new.records.get(c)) for c in ids]
    return Diff(old=old.info, new=new.info, customers=customers, portfolio=_portfolio(s, customers))


def _customer(s: _Scorer, ro: Record | None, rn: Record | None) -> CustomerDiff:
    co, cn = s.old.catalog, s.new.catalog
    if rn is None or ro is None:
        rec = ro if ro is not None else rn
        assert rec is not None
        card = s.card(co if ro is not None else cn, rec, None)
        side = Side(card.status, card.index) if card else None
        kind = ChangeKind.GONE if rn is None else ChangeKind.NEW
        change = Change(
            service=None, kind=kind, cause=Cause.DELIVERY, old=None, new=None, effect=None
        )
        how = CustomerChange.GONE if rn is None else CustomerChange.NEW
        old, new = (side, None) if rn is None else (None, side)
        return CustomerDiff(
            id=rec.id,
            change=how,
            old=old,
            new=new,
            delta=None,
            catalog=None,
            delivery=None,
            counterfactual=None,
            changes=[change],
        )
    oo, nn = s.card(co, ro, rn.segment), s.card(cn, rn, ro.segment)
    on, no = s.card(co, rn, ro.segment), s.card(cn, ro, rn.segment)
    parts = attribution(*(c.index if c else None for c in (oo, on, no, nn)))
    changes = customer_changes(s.old, s.new, ro, rn, s.index)
    old = Side(oo.status, oo.index) if oo else None
    new = Side(nn.status, nn.index) if nn else None
    same = old == new or (old and new and old.status is new.status and _close(old, new))
    how = CustomerChange.UNCHANGED if same and not changes else CustomerChange.CHANGED
    counter = Counterfactual(on.status if on else None, no.status if no else None)
    delta, catalog, delivery = parts
    return CustomerDiff(
        id=ro.id,
        change=how,
        old=old,
        new=new,
        delta=delta,
        catalog=catalog,
        delivery=delivery,
        counterfactual=counter,
        changes=changes,
    )


def _close(a: Side, b: Side) -> bool:
    if a.index is None or b.index is None:
        return a.index is b.index
    return abs(a.index - b.index) <= EPSILON


def attribution(
    oo: float | None, on: float | None, no: float | None, nn: float | None
) -> tuple[float | None, float | None, float | None]:
    """(delta, catalog, delivery) from S(Co,Do), S(Co,Dn), S(Cn,Do), S(Cn,Dn).

    catalog = ½[S(Cn,Dn) − S(Co,Dn)] + ½[S(Cn,Do) − S(Co,Do)] and delivery = ½[S(Cn,Dn) −
    S(Cn,Do)] + ½[S(Co,Dn) − S(Co,Do)] add up to S(Cn,Dn) − S(Co,Do). Where an index is null
    (nothing applies), the parts are null."""
    delta = nn - oo if nn is not None and oo is not None else None
    if delta is None or on is None or no is None:
        return delta, None, None
    catalog = 0.5 * (nn - on) + 0.5 * (no - oo)  # type: ignore[operator]
    delivery = 0.5 * (nn - no) + 0.5 * (on - oo)  # type: ignore[operator]
    return delta, catalog, delivery


def _portfolio(s: _Scorer, customers: list[CustomerDiff]) -> DiffPortfolio:
    transitions = {a: dict.fromkeys(Ampel, 0) for a in Ampel}
    for c in customers:
        if c.old is not None and c.new is not None:
            transitions[c.old.status][c.new.status] += 1
    counts = Counter(ch.service for c in customers for ch in c.changes if ch.service is not None)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MOST_CHANGED]
    return DiffPortfolio(
        transitions=transitions,
        value_at_risk=_value_at_risk(s),
        improved_by_catalog_only=[c.id for c in customers if improved_by_catalog_only(c)],
        most_changed=[ServiceChanges(sid, n) for sid, n in ranked],
    )


def _value_at_risk(s: _Scorer) -> ValueAtRisk:
    """V(C, D): summed value of the customers of D that are rot under C; split like S."""

    def v(cat: Catalog, records: dict[str, Record], other: dict[str, Record]) -> float:
        total = 0.0
        for rec in records.values():
            twin = other.get(rec.id)
            card = s.card(cat, rec, twin.segment if twin else None)
            if card is not None and card.status is Ampel.ROT:
                total += rec.value or 0.0
        return total

    do, dn, co, cn = s.old.records, s.new.records, s.old.catalog, s.new.catalog
    oo, on, no, nn = v(co, do, dn), v(co, dn, do), v(cn, do, dn), v(cn, dn, do)
    _, catalog, delivery = attribution(oo, on, no, nn)
    return ValueAtRisk(old=oo, new=nn, catalog=catalog or 0.0, delivery=delivery or 0.0)


def improved_by_catalog_only(c: CustomerDiff) -> bool:
    """Better Ampel (or the same and a higher index) without any help from the delivery."""
    if c.old is None or c.new is None or c.delivery is None or c.counterfactual is None:
        return False
    old, new = _RANK[c.old.status], _RANK[c.new.status]
    better = new < old or (new == old and (c.delta or 0.0) > EPSILON)
    by_delivery = c.counterfactual.old_catalog
    delivery_alone_better = by_delivery is not None and _RANK[by_delivery] < old
    return better and c.delivery <= EPSILON and not delivery_alone_better


def regressions(d: Diff, mode: Regression) -> list[str]:
    """Customers that got worse: through delivery (Ampel or index), or gone; with ANY also
    through the catalog."""
    return [
        c.id
        for c in d.customers
        if c.change is CustomerChange.GONE
        or (c.old is not None and c.new is not None and _worse(c, mode))
    ]


def _worse(c: CustomerDiff, mode: Regression) -> bool:
    assert c.old is not None and c.new is not None and c.counterfactual is not None
    if (c.delivery or 0.0) < -EPSILON:
        return True
    cf = c.counterfactual
    # the new delivery under the new catalog is worse than the old delivery under it
    if cf.old_delivery is not None and _RANK[c.new.status] > _RANK[cf.old_delivery]:
        return True
    if mode is Regression.DELIVERY:
        return False
    return _RANK[c.new.status] > _RANK[c.old.status] or (c.delta or 0.0) < -EPSILON
