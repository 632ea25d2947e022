"""What changed for one customer (SPEC §9): catalog entries, deliveries, the segment, each
with its effect on the index."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import replace

from kundenaudit.model.catalog import Catalog
from kundenaudit.model.diff import KIND_CAUSE, Change, ChangeKind
from kundenaudit.model.record import BARE, DeliveryLike, Record
from kundenaudit.model.vocabulary import ENTFAELLT, Level, Status
from kundenaudit.score.catalog import resolve
from kundenaudit.score.diff_inputs import Audit
from kundenaudit.score.rules import effective_level

# S(C, record, segment): the index, None where nothing applies or the segment is unknown
Scorer = Callable[[Catalog, Record, str | None], float | None]
_EXEMPT, _OFFEN, _EXPIRED = "entbehrlich", "offen", "abgelaufen"


def customer_changes(old: Audit, new: Audit, ro: Record, rn: Record, s: Scorer) -> list[Change]:
    """Every change of one customer present in both audits, catalog changes first."""
    out = list(_catalog_changes(old, new, ro, rn, s))
    if ro.segment != rn.segment:
        moved = replace(ro, segment=rn.segment)
        effect = _average(s, old.catalog, new.catalog, moved, ro, rn.segment, ro.segment)
        out.append(_change(None, ChangeKind.SEGMENT_MOVED, ro.segment, rn.segment, effect))
    out += _delivery_changes(old, new, ro, rn, s)
    return out


def _change(
    sid: str | None, kind: ChangeKind, old: object, new: object, effect: float | None
) -> Change:
    return Change(
        service=sid,
        kind=kind,
        cause=KIND_CAUSE[kind],
        old=old,  # type: ignore[arg-type]
        new=new,  # type: ignore[arg-type]
        effect=effect,
    )


def _average(
    s: Scorer,
    a: Catalog,
    b: Catalog,
    changed: Record,
    base: Record,
    seg1: str | None,
    seg0: str | None,
) -> float | None:
    """½[S(a, changed) − S(a, base)] + ½[S(b, changed) − S(b, base)]."""
    values = [s(a, changed, seg1), s(a, base, seg0), s(b, changed, seg1), s(b, base, seg0)]
    if any(v is None for v in values):
        return None
    a1, a0, b1, b0 = values
    return 0.5 * (a1 - a0) + 0.5 * (b1 - b0)  # type: ignore[operator]


# --- catalog ----------------------------------------------------------------------------------


def segment_in(cat: Catalog, rec: Record, other: str | None) -> str | None:
    """The record's segment where ``cat`` has it, else the other audit's segment, else None."""
    if rec.segment in cat.segments:
        return rec.segment
    return other if other in cat.segments else None


def _level(cat: Catalog, segment: str | None, sid: str) -> Level | None:
    if segment is None or sid not in cat.services:
        return None
    level = cat.segments[segment].levels[sid]
    return None if level is None else effective_level(cat.services[sid].competition, level)


def _catalog_changes(old: Audit, new: Audit, ro: Record, rn: Record, s: Scorer) -> Iterator[Change]:
    co, cn = old.catalog, new.catalog
    seg_o, seg_n = segment_in(co, rn, ro.segment), segment_in(cn, rn, ro.segment)
    for sid in [*cn.services, *(x for x in co.services if x not in cn.services)]:
        found = list(_entry_kinds(co, cn, seg_o, seg_n, sid))
        if not found:
            continue
        h = hybrid(old, new, sid)
        so, sn = segment_in(co, ro, rn.segment), segment_in(co, rn, ro.segment)
        values = [s(h, ro, so), s(co, ro, so), s(h, rn, sn), s(co, rn, sn)]
        effect = None
        if all(v is not None for v in values):
            h0, c0, h1, c1 = values
            effect = 0.5 * (h0 - c0) + 0.5 * (h1 - c1)  # type: ignore[operator]
        for kind, was, now in found:
            yield _change(sid, kind, was, now, effect)


def _entry_kinds(
    co: Catalog, cn: Catalog, seg_o: str | None, seg_n: str | None, sid: str
) -> Iterator[tuple[ChangeKind, object, object]]:
    lo, ln = _level(co, seg_o, sid), _level(cn, seg_n, sid)
    if lo is None and ln is None:
        return
    if lo is None or ln is None:
        kind = ChangeKind.ADDED if lo is None else ChangeKind.REMOVED
        yield kind, lo.value if lo else None, ln.value if ln else None
        return
    if lo is not ln:
        kind = ChangeKind.LEVEL_UP if ln.rank < lo.rank else ChangeKind.LEVEL_DOWN
        yield kind, lo.value, ln.value
    wo, wn = co.services[sid].weight, cn.services[sid].weight
    if wo != wn:
        yield ChangeKind.WEIGHT, wo, wn
    ko = co.services[sid].knockout and lo is Level.MUSS
    kn = cn.services[sid].knockout and ln is Level.MUSS
    if ko != kn:
        yield (ChangeKind.KNOCKOUT_ON if kn else ChangeKind.KNOCKOUT_OFF), ko, kn


def hybrid(old: Audit, new: Audit, sid: str) -> Catalog:
    """The old catalog with the new catalog's entry for ``sid`` (none: it applies nowhere)."""
    if sid not in old.hybrids:
        cf = old.catalog.spec
        entry = next((e for e in new.catalog.spec.services if e.id == sid), None)
        if entry is None:
            entry = next(e for e in cf.services if e.id == sid)
            entry = entry.model_copy(update={"level": ENTFAELLT, "levels": {}})
        services = [e for e in cf.services if e.id != sid]
        at = next((i for i, e in enumerate(cf.services) if e.id == sid), len(services))
        services.insert(at, entry)
        old.hybrids[sid] = resolve(cf.model_copy(update={"services": tuple(services)}))
    return old.hybrids[sid]


# --- delivery ---------------------------------------------------------------------------------


def state(d: DeliveryLike | None, audited: dt.date | None) -> tuple[str, float]:
    """What scoring makes of a delivery: exempt, offen, expired (0), or a status and degree."""
    if d is None or d.status is Status.OFFEN:
        return _OFFEN, 0.0
    if d.status is Status.ENTBEHRLICH:
        if d.until is None or audited is None or d.until >= audited:
            return _EXEMPT, 0.0
        return _EXPIRED, 0.0
    if d.status is Status.ERFUELLT:
        return d.status.value, 1.0
    if d.status is Status.TEILWEISE:
        return d.status.value, 0.5 if d.degree is None else d.degree
    return d.status.value, 0.0


def _word(st: tuple[str, float]) -> str:
    word, degree = st
    if word == _EXPIRED:
        return "entbehrlich (abgelaufen)"
    return f"{word} {degree:g}" if word == Status.TEILWEISE.value else word


def delivery_kind(was: tuple[str, float], now: tuple[str, float]) -> ChangeKind | None:
    """The kind of a delivery change, None when scoring sees none."""
    if was == now:
        return None
    if now[0] == _EXEMPT:
        return ChangeKind.EXEMPTED
    if now[0] == _EXPIRED:
        return ChangeKind.EXEMPTION_EXPIRED if was[0] == _EXEMPT else _by_degree(was, now)
    if was[0] in (_EXEMPT, _OFFEN, _EXPIRED) and now[0] != _OFFEN:
        return ChangeKind.ASSESSED
    return _by_degree(was, now)


def _by_degree(was: tuple[str, float], now: tuple[str, float]) -> ChangeKind | None:
    if now[1] > was[1]:
        return ChangeKind.IMPROVED
    if now[1] < was[1]:
        return ChangeKind.WORSENED
    return None


def _delivery_changes(
    old: Audit, new: Audit, ro: Record, rn: Record, s: Scorer
) -> Iterator[Change]:
    known = set(old.catalog.services) | set(new.catalog.services)
    for sid in sorted((set(ro.services) | set(rn.services)) & known):
        was = state(ro.services.get(sid), ro.audited)
        now = state(rn.services.get(sid), rn.audited)
        kind = delivery_kind(was, now)
        if kind is None:
            continue
        services = dict(ro.services)
        if now[0] == _OFFEN or now[0] == _EXPIRED:
            services[sid] = BARE[Status.OFFEN]  # as the new audit scores it
        else:
            services[sid] = rn.services[sid]
        changed = replace(ro, services=services)
        effect = _average(s, old.catalog, new.catalog, changed, ro, ro.segment, ro.segment)
        yield _change(sid, kind, _word(was), _word(now), effect)
