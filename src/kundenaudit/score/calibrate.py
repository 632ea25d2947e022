"""`calibrate` (SPEC §10): suggest Muss/Soll/Kann per segment from outcome data, with the
evidence and a check on customers the suggestion never saw.

The split: a customer belongs to the fit half when the SHA-256 of its id (UTF-8) is even as a
number (its last byte is even), else to the check half; the same id always lands in the same half.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace

from kundenaudit.model.calibration import AmpelRate, Calibration, Evidence, Flag, Reason
from kundenaudit.model.catalog import Catalog, Segment
from kundenaudit.model.errors import UsageError
from kundenaudit.model.record import Record
from kundenaudit.model.vocabulary import Ampel, Level, Status
from kundenaudit.score.engine import score_customer
from kundenaudit.score.stats import newcombe
from kundenaudit.score.suggested_catalog import suggested_catalog

_MISSING = frozenset({Status.NICHT_ERFUELLT, Status.TEILWEISE})
_GAIN = 1e-12  # a greedy step must raise reach - noise by more than float noise


def in_fit_half(customer_id: str) -> bool:
    """True for the fit half: the SHA-256 of the id is even."""
    return hashlib.sha256(customer_id.encode("utf-8")).digest()[-1] % 2 == 0


@dataclass(frozen=True, slots=True)
class Observation:
    """One customer of the fit half: the outcome and which services it was missing or got."""

    event: bool
    missing: frozenset[str]
    delivered: frozenset[str]


def observe(seg: Segment, rec: Record, event: bool) -> Observation:
    """Missing = nicht_erfuellt or teilweise, delivered = erfuellt; offen, unmentioned and
    entbehrlich services (expired exemptions count as offen) are in neither group."""
    missing, delivered = set(), set()
    for sid, level in seg.levels.items():
        d = rec.services.get(sid)
        if level is None or d is None:
            continue
        if d.status is Status.ERFUELLT:
            delivered.add(sid)
        elif d.status in _MISSING:
            missing.add(sid)
    return Observation(event, frozenset(missing), frozenset(delivered))


def calibrate(
    cat: Catalog,
    records: list[Record],
    outcome: str,
    today: dt.date,
    min_events: int = 10,
    segment: str | None = None,
) -> Calibration:
    """Evidence per segment and service on the fit half, the suggested levels, and the outcome
    rate per Ampel on the check half under the current and the suggested catalog."""
    known = [r for r in records if r.outcomes and outcome in r.outcomes]
    if not known:
        names = sorted({n for r in records for n in (r.outcomes or {})})
        have = f" (the records have: {', '.join(names)})" if names else ""
        raise UsageError(f"no record has the outcome '{outcome}'{have}")
    fit = [r for r in known if in_fit_half(r.id)]
    check = [r for r in known if not in_fit_half(r.id)]
    observed: dict[str, list[Observation]] = {s: [] for s in cat.segments}
    for r in fit:
        seg = cat.segments[segment or r.segment or ""]
        event = bool(r.outcomes and r.outcomes[outcome])
        observed[seg.id].append(observe(seg, r, event))
    evidence = {
        sid: segment_evidence(cat.segments[sid], obs, min_events) for sid, obs in observed.items()
    }
    levels = {(seg, e.service): e.suggested.value for seg, rows in evidence.items() for e in rows}
    document, new_cat = suggested_catalog(cat, levels, today)
    return Calibration(
        outcome=outcome,
        segments=evidence,
        current=ampel_rates(cat, check, outcome, today, segment),
        suggested=ampel_rates(new_cat, check, outcome, today, segment),
        fit_customers=len(fit),
        check_customers=len(check),
        min_events=min_events,
        suggested_document=document,
    )


def segment_evidence(seg: Segment, obs: list[Observation], min_events: int) -> list[Evidence]:
    """Counts, rates and interval per applicable service; then the levels they suggest."""
    rows = [_counts(seg, sid, obs, min_events) for sid, lvl in seg.levels.items() if lvl]
    above = sorted(e.service for e in rows if e.reason is Reason.ABOVE)
    chosen = set(greedy_muss(obs, above))
    out = []
    for e in rows:
        if e.service in chosen:
            e = replace(e, suggested=Level.MUSS, reason=Reason.CHOSEN)  # noqa: PLW2901 - re-labelled
        out.append(e)
    return out


def _counts(seg: Segment, sid: str, obs: list[Observation], min_events: int) -> Evidence:
    n_m = sum(1 for o in obs if sid in o.missing)
    e_m = sum(1 for o in obs if o.event and sid in o.missing)
    n_d = sum(1 for o in obs if sid in o.delivered)
    e_d = sum(1 for o in obs if o.event and sid in o.delivered)
    level = seg.levels[sid]
    assert level is not None  # only applicable services are counted
    rate_m = 100 * e_m / n_m if n_m else None
    rate_d = 100 * e_d / n_d if n_d else None
    diff = low = high = None
    if n_m and n_d:
        d, lo, hi = newcombe(e_m, n_m, e_d, n_d)
        diff, low, high = 100 * d, 100 * lo, 100 * hi
    few = e_m < min_events or e_d < min_events or low is None or high is None
    flags: tuple[Flag, ...]
    if high is not None and high < 0:  # reverse: never Muss, even on few events
        flags = (Flag.REVERSE, Flag.TOO_FEW_DATA) if few else (Flag.REVERSE,)
        suggested, reason = Level.KANN, Reason.BELOW
    elif few or low is None:
        suggested, flags, reason = level, (Flag.TOO_FEW_DATA,), Reason.TOO_FEW
    elif low > 0:
        suggested, flags, reason = Level.SOLL, (), Reason.ABOVE
    else:
        suggested, flags, reason = Level.KANN, (), Reason.INCLUDES_ZERO
    return Evidence(
        service=sid,
        level=level,
        suggested=suggested,
        flags=flags,
        reason=reason,
        n_missing=n_m,
        n_delivered=n_d,
        events_missing=e_m,
        events_delivered=e_d,
        rate_missing=rate_m,
        rate_delivered=rate_d,
        difference=diff,
        low=low,
        high=high,
    )


def greedy_muss(obs: list[Observation], candidates: Iterable[str]) -> list[str]:
    """The services to make Muss: added one at a time, each time the one that raises reach -
    noise most (reach: share of customers with the outcome that miss at least one chosen
    service; noise: the same share among the others), while it rises. Ties: the lower id."""
    events = [o.missing for o in obs if o.event]
    others = [o.missing for o in obs if not o.event]
    if not events or not others:
        return []
    chosen: list[str] = []
    remaining = sorted(candidates)
    best = 0.0
    while True:
        pick, score = None, best + _GAIN
        for c in remaining:  # in id order: a tie keeps the lower id
            value = _reach_minus_noise({*chosen, c}, events, others)
            if value > score:
                pick, score = c, value
        if pick is None:
            return chosen
        chosen.append(pick)
        remaining.remove(pick)
        best = score


def _reach_minus_noise(
    chosen: set[str], events: list[frozenset[str]], others: list[frozenset[str]]
) -> float:
    reach = sum(1 for m in events if not chosen.isdisjoint(m)) / len(events)
    noise = sum(1 for m in others if not chosen.isdisjoint(m)) / len(others)
    return reach - noise


def ampel_rates(
    cat: Catalog, records: list[Record], outcome: str, today: dt.date, segment: str | None
) -> dict[Ampel, AmpelRate]:
    """Customers and outcome rate (percent) per Ampel when ``records`` are scored on ``cat``."""
    counts = {a: [0, 0] for a in Ampel}
    for r in records:
        s = score_customer(cat, r, today, segment)
        counts[s.status][0] += 1
        counts[s.status][1] += bool(r.outcomes and r.outcomes[outcome])
    return {
        a: AmpelRate(customers=n, events=e, rate=100 * e / n if n else None)
        for a, (n, e) in counts.items()
    }
