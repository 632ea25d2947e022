"""Drift (SPEC §8): a Soll or Kann that nearly every customer of a segment gets is a de-facto
Muss; a differentiator that most get is becoming an expectation."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from kundenaudit.model.catalog import Catalog
from kundenaudit.model.catalog_file import ServiceSpec
from kundenaudit.model.errors import Finding
from kundenaudit.model.record import Record
from kundenaudit.model.review_rules import REVIEW_RULES, ReviewRule
from kundenaudit.model.vocabulary import Competition, Level, Status
from kundenaudit.score.rules import rounded

Locator = Callable[[tuple[Any, ...]], tuple[str, int, int]]
HISTORY_DEPTH = 2  # with --history, drift must also show in the last two earlier audits


@dataclass
class Share:
    """How many applicable customers of a segment got a service, and their outcomes."""

    applicable: int = 0
    delivered: int = 0
    outcomes: dict[str, list[int]] = field(default_factory=dict)  # name -> [with n, with events,
    # without n, without events]

    @property
    def percent(self) -> float:
        return 100 * self.delivered / self.applicable if self.applicable else 0.0

    def reaches(self, share: float, min_customers: int) -> bool:
        """At least ``share`` % of at least ``min_customers`` (compared without rounding)."""
        return self.applicable >= min_customers and self.delivered * 100 >= share * self.applicable

    def outcome_rates(self) -> dict[str, dict[str, float | None]]:
        def rate(n: int, events: int) -> float | None:
            return rounded(100 * events / n, 2) if n else None

        return {
            name: {"with": rate(c[0], c[1]), "without": rate(c[2], c[3])}
            for name, c in sorted(self.outcomes.items())
        }


def shares(records: list[Record], segment: str, sid: str) -> Share:
    """The share of ``segment``'s customers the service applies to that got it (erfuellt)."""
    out = Share()
    for rec in records:
        if rec.segment != segment:
            continue
        d = rec.services.get(sid)
        status = d.status if d is not None else Status.OFFEN
        if status is Status.ENTBEHRLICH and (
            d is None or d.until is None or rec.audited is None or d.until >= rec.audited
        ):
            continue
        got = status is Status.ERFUELLT
        out.applicable += 1
        out.delivered += got
        for name, happened in (getattr(rec, "outcomes", None) or {}).items():
            counts = out.outcomes.setdefault(name, [0, 0, 0, 0])
            base = 0 if got else 2
            counts[base] += 1
            counts[base + 1] += bool(happened)
    return out


def drift_findings(
    cat: Catalog, records: list[Record], history: list[list[Record]], locate: Locator
) -> list[Finding]:
    """drift-muss and drift-kann findings per segment and service, in catalog order."""
    if not records:
        return []
    found: list[Finding] = []
    for i, svc in enumerate(cat.spec.services):
        for seg in cat.segments.values():
            found += _service(cat, svc, seg.id, records, history, locate(("services", i)))
    return found


def _service(
    cat: Catalog,
    svc: ServiceSpec,
    segment: str,
    records: list[Record],
    history: list[list[Record]],
    where: tuple[str, int, int],
) -> Iterator[Finding]:
    level = cat.segments[segment].levels[svc.id]
    if level is None or level is Level.MUSS or svc.competition is Competition.STANDARD:
        return
    drift = cat.spec.review.drift
    now = shares(records, segment, svc.id)
    earlier = [shares(h, segment, svc.id) for h in history[-HISTORY_DEPTH:]]
    evidence: dict[str, Any] = {
        "segment": segment,
        "level": level.value,
        "n": now.applicable,
        "delivered": now.delivered,
        "share": rounded(now.percent, 2),
    }
    if earlier:
        evidence["history"] = [rounded(s.percent, 2) for s in earlier]
    if now.outcomes:
        evidence["outcomes"] = now.outcome_rates()
    said = f"{now.delivered} of {now.applicable} ({rounded(now.percent, 1):.1f} %)"
    rates = "".join(
        f"; {name}: {_pct(r['with'])} with it, {_pct(r['without'])} without"
        for name, r in now.outcome_rates().items()
    )
    if now.reaches(drift.share, drift.min_customers) and all(
        s.reaches(drift.share, drift.min_customers) for s in earlier
    ):
        since = f", also in the last {len(earlier)} earlier audit(s)" if earlier else ""
        yield _finding(
            ReviewRule.DRIFT_MUSS,
            where,
            f"'{svc.id}' ({level.label}) is delivered to {said} customers of '{segment}'"
            f"{since}: a de-facto Muss (threshold {drift.share:g} % of at least "
            f"{drift.min_customers}){rates}",
            segment,
            svc.id,
            evidence,
        )
    if (
        level is Level.KANN
        and svc.competition is Competition.NONE
        and now.applicable >= drift.min_customers
        and 2 * now.delivered > now.applicable
    ):
        yield _finding(
            ReviewRule.DRIFT_KANN,
            where,
            f"'{svc.id}' (Kann, offered by no competitor) is delivered to {said} customers of "
            f"'{segment}': the differentiator is becoming an expectation{rates}",
            segment,
            svc.id,
            evidence,
        )


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{rounded(value, 1):.1f} %"


def _finding(
    rule: ReviewRule,
    where: tuple[str, int, int],
    message: str,
    segment: str,
    service: str,
    evidence: dict[str, Any],
) -> Finding:
    file, line, column = where
    return Finding(
        file=file,
        line=line,
        column=column,
        severity=REVIEW_RULES[rule].severity,
        rule=rule.value,
        message=message,
        key=f"{segment}\0{service}\0",
        evidence=tuple(evidence.items()),
    )
