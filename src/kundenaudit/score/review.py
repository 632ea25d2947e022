"""The `review` command's core (SPEC §8): ageing classifications, exemptions and audits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from kundenaudit.model.catalog import Catalog
from kundenaudit.model.errors import Finding
from kundenaudit.model.record import Record
from kundenaudit.model.review_rules import REVIEW_RULES, ReviewRule
from kundenaudit.model.vocabulary import Competition, Level, Status
from kundenaudit.score.drift import drift_findings
from kundenaudit.score.rules import effective_level

# where a catalog entry lies: (path in the catalog document) -> (file, line, column)
Locator = Callable[[tuple[Any, ...]], tuple[str, int, int]]


@dataclass(frozen=True, kw_only=True)
class ReviewInput:
    """What a review looks at."""

    catalog: Catalog
    locate: Locator
    records: list[Record] = field(default_factory=list)
    history: list[list[Record]] = field(default_factory=list)  # earlier audits, oldest first
    today: dt.date = dt.date.min


def finding(rule: ReviewRule, where: tuple[str, int, int], message: str, **key: str) -> Finding:
    """A review finding; its fingerprint key is segment, service and customer."""
    natural = "\0".join(key.get(k, "") for k in ("segment", "service", "customer"))
    file, line, column = where
    return Finding(
        file=file,
        line=line,
        column=column,
        severity=REVIEW_RULES[rule].severity,
        rule=rule.value,
        message=message,
        key=natural,
    )


def with_evidence(f: Finding, **evidence: Any) -> Finding:
    """``f`` carrying what it rests on."""
    return replace(f, evidence=tuple(evidence.items()))


def review(inp: ReviewInput) -> list[Finding]:
    """Every finding, catalog rules first, then customers in input order, then drift."""
    out = list(_classification(inp)) + list(_competition(inp.catalog, inp.locate))
    for rec in inp.records:
        out += _audit(inp, rec)
        out += _exemptions(inp, rec)
    out += drift_findings(inp.catalog, inp.records, inp.history, inp.locate)
    return out


def _classification(inp: ReviewInput) -> Iterator[Finding]:
    spec = inp.catalog.spec
    interval = dt.timedelta(days=spec.review_interval_days)
    soon = dt.timedelta(days=spec.review.due_within_days)
    for i, svc in enumerate(spec.services):
        if svc.reviewed is None:
            where = inp.locate(("services", i))
            yield finding(
                ReviewRule.REVIEW_MISSING,
                where,
                f"'{svc.id}' has no 'reviewed' date",
                service=svc.id,
            )
            continue
        due = svc.reviewed + interval
        where = inp.locate(("services", i, "reviewed"))
        ev = {
            "reviewed": svc.reviewed.isoformat(),
            "due": due.isoformat(),
            "days": (due - inp.today).days,
        }
        if due < inp.today:
            days = (inp.today - due).days
            f = finding(
                ReviewRule.REVIEW_OVERDUE,
                where,
                f"'{svc.id}' was last reviewed on {svc.reviewed.isoformat()}: review "
                f"was due on {due.isoformat()}, {days} day(s) ago",
                service=svc.id,
            )
            yield with_evidence(f, **ev)
        elif due <= inp.today + soon:
            f = finding(
                ReviewRule.REVIEW_DUE,
                where,
                f"'{svc.id}' falls due for review on {due.isoformat()} "
                f"(in {(due - inp.today).days} day(s))",
                service=svc.id,
            )
            yield with_evidence(f, **ev)


def _competition(cat: Catalog, locate: Locator) -> Iterator[Finding]:
    for i, svc in enumerate(cat.spec.services):
        levels = {s: seg.levels[svc.id] for s, seg in cat.segments.items()}
        where = locate(("services", i, "competition"))
        if svc.competition is Competition.STANDARD:
            lax = sorted(s for s, lvl in levels.items() if lvl not in (None, Level.MUSS))
            if lax:
                yield finding(
                    ReviewRule.COMPETITION_MISMATCH,
                    where,
                    f"'{svc.id}' is offered as standard by competitors but is not "
                    f"Muss in {', '.join(lax)}: it is scored as Muss there, make it "
                    "explicit",
                    service=svc.id,
                )
        elif svc.competition is Competition.NONE:
            strict = sorted(s for s, lvl in levels.items() if lvl is Level.MUSS)
            if strict:
                yield finding(
                    ReviewRule.COMPETITION_MISMATCH,
                    where,
                    f"'{svc.id}' is offered by no competitor but is Muss in "
                    f"{', '.join(strict)}: a differentiator cannot be owed",
                    service=svc.id,
                )


def _audit(inp: ReviewInput, rec: Record) -> Iterator[Finding]:
    interval = inp.catalog.spec.review_interval_days
    if rec.audited is None or rec.audited + dt.timedelta(days=interval) >= inp.today:
        return
    age = (inp.today - rec.audited).days
    f = finding(
        ReviewRule.AUDIT_STALE,
        (rec.source, rec.line, 1),
        f"customer '{rec.id}' was last audited on {rec.audited.isoformat()}, {age} "
        f"days ago (review interval {interval} days)",
        segment=rec.segment or "",
        customer=rec.id,
    )
    yield with_evidence(f, audited=rec.audited.isoformat(), days=age)


def _exemptions(inp: ReviewInput, rec: Record) -> Iterator[Finding]:
    seg = inp.catalog.segments.get(rec.segment or "")
    if seg is None:
        return
    soon = inp.today + dt.timedelta(days=inp.catalog.spec.review.due_within_days)
    for sid, d in sorted(rec.services.items()):
        if d.status is not Status.ENTBEHRLICH or seg.levels.get(sid) is None:
            continue  # an exemption where the service does not apply is ignored (as in scoring)
        key = {"segment": seg.id, "service": sid, "customer": rec.id}
        where = (rec.source, rec.line, 1)
        ev = {"reason": d.reason, "until": d.until.isoformat() if d.until else None}
        if d.until is None:
            f = finding(
                ReviewRule.EXEMPTION_OPEN,
                where,
                f"'{sid}' is exempted for customer '{rec.id}' without an end date ('until')",
                **key,
            )
        elif d.until < inp.today:
            f = finding(
                ReviewRule.EXEMPTION_EXPIRED,
                where,
                f"the exemption of '{sid}' for customer '{rec.id}' expired on "
                f"{d.until.isoformat()}: it counts as offen",
                **key,
            )
        elif d.until <= soon:
            f = finding(
                ReviewRule.EXEMPTION_EXPIRING,
                where,
                f"the exemption of '{sid}' for customer '{rec.id}' expires on "
                f"{d.until.isoformat()}",
                **key,
            )
        else:
            continue
        yield with_evidence(f, **ev)


def applies(cat: Catalog, segment: str, sid: str) -> Level | None:
    """The effective level of ``sid`` in ``segment``, None where it does not apply."""
    level = cat.segments[segment].levels.get(sid)
    return None if level is None else effective_level(cat.services[sid].competition, level)
