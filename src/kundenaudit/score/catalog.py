"""Catalog semantics: segment resolution (extends, levels, goals) and the lint rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from kundenaudit.model.catalog import Catalog, Goal, Segment
from kundenaudit.model.catalog_file import CatalogFile, GoalSpec, ServiceSpec
from kundenaudit.model.errors import Problem, Severity
from kundenaudit.model.suggest import did_you_mean
from kundenaudit.model.vocabulary import ENTFAELLT, Competition, Level
from kundenaudit.score import metrics


def check(cf: CatalogFile, today: dt.date) -> list[Problem]:
    """Every error and warning of SPEC §2.1 beyond what the models check."""
    problems = [*_id_problems(cf), *metrics.check(cf)]
    problems += _previous_id_problems(cf)
    if any(p.severity is Severity.ERROR for p in problems):
        return problems
    problems += _inheritance_problems(cf)
    if any(p.severity is Severity.ERROR for p in problems):
        return problems
    problems += _warnings(cf, resolve(cf), today)
    return problems


def _id_problems(cf: CatalogFile) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for i, seg in enumerate(cf.segments):
        if seg.id in seen:
            yield Problem(
                ("segments", i, "id"),
                f"duplicate segment id '{seg.id}'",
                "duplicate-id",
                key=seg.id,
            )
        seen.setdefault(seg.id, i)
    segment_ids = list(seen)
    service_ids: dict[str, int] = {}
    for i, svc in enumerate(cf.services):
        if svc.id in service_ids:
            yield Problem(
                ("services", i, "id"),
                f"duplicate service id '{svc.id}'",
                "duplicate-id",
                key=svc.id,
            )
        service_ids.setdefault(svc.id, i)
    for i, svc in enumerate(cf.services):
        for seg_id in svc.levels:
            if seg_id not in seen:
                yield Problem(
                    ("services", i, "levels", seg_id),
                    f"unknown segment '{seg_id}'{did_you_mean(seg_id, segment_ids)}",
                    "unknown-segment",
                    at_key=True,
                    key=svc.id,
                )
    for i, seg in enumerate(cf.segments):
        if seg.extends is not None and seg.extends not in seen:
            yield Problem(
                ("segments", i, "extends"),
                f"unknown segment '{seg.extends}'{did_you_mean(seg.extends, segment_ids)}",
                "unknown-segment",
                key=seg.id,
            )
        for j, goal in enumerate(seg.goals):
            for k, sid in enumerate(goal.services or ()):
                if sid not in service_ids:
                    yield Problem(
                        ("segments", i, "goals", j, "services", k),
                        f"unknown service '{sid}'{did_you_mean(sid, service_ids)}",
                        "unknown-service",
                        key=seg.id,
                    )


def _previous_id_problems(cf: CatalogFile) -> Iterator[Problem]:
    """`previous_ids` name no current service, and no old id belongs to two services."""
    current = {svc.id for svc in cf.services}
    owner: dict[str, str] = {}
    for i, svc in enumerate(cf.services):
        for k, old in enumerate(svc.previous_ids):
            loc = ("services", i, "previous_ids", k)
            if old in current:
                yield Problem(
                    loc,
                    f"previous id '{old}' of '{svc.id}' is a current service id",
                    "previous-id-current",
                    key=svc.id,
                )
            elif old in owner and owner[old] != svc.id:
                yield Problem(
                    loc,
                    f"previous id '{old}' is claimed by '{owner[old]}' and '{svc.id}'",
                    "previous-id-twice",
                    key=svc.id,
                )
            owner.setdefault(old, svc.id)


def _inheritance_problems(cf: CatalogFile) -> Iterator[Problem]:
    parent = {s.id: s.extends for s in cf.segments}
    order = {s.id: i for i, s in enumerate(cf.segments)}
    for i, seg in enumerate(cf.segments):
        chain = [seg.id]
        current = parent[seg.id]
        while current is not None:
            if current in chain:
                members = chain[chain.index(current) :]
                # once per cycle, at its first segment; segments that only lead into it are fine
                if current == seg.id and min(members, key=order.__getitem__) == seg.id:
                    yield Problem(
                        ("segments", i, "extends"),
                        f"'extends' forms a cycle: {' -> '.join([*members, current])}",
                        "extends-cycle",
                        key=seg.id,
                    )
                break
            chain.append(current)
            current = parent[current]


def resolve(cf: CatalogFile) -> Catalog:
    """Resolve every segment; ``cf`` must have passed the id and inheritance checks."""
    by_id = {s.id: s for s in cf.segments}
    segments: dict[str, Segment] = {}
    for seg in cf.segments:
        chain = [seg.id]
        while (parent := by_id[chain[-1]].extends) is not None:
            chain.append(parent)
        levels = {svc.id: _level_in(svc, chain) for svc in cf.services}
        goals: dict[tuple[Any, ...], Goal] = {
            ("level", Level.MUSS): Goal(Level.MUSS, None, 100.0, None, implicit=True)
        }
        for ancestor in reversed(chain):
            for g in by_id[ancestor].goals:
                if g.metric is None:
                    goals[_goal_key(g)] = _goal(g)
        segments[seg.id] = Segment(
            seg.id,
            seg.name,
            levels,
            tuple(goals.values()),
            metrics.resolve({s.id: s.goals for s in cf.segments}, chain),
        )
    return Catalog(cf, {s.id: s for s in cf.services}, segments)


def _level_in(svc: ServiceSpec, chain: list[str]) -> Level | None:
    word = next((svc.levels[s] for s in chain if s in svc.levels), svc.level)
    return None if word == ENTFAELLT else Level(word)


def _goal_key(g: GoalSpec) -> tuple[Any, ...]:
    if g.services is not None:
        return ("services", frozenset(g.services))
    return ("level", Level(g.level))


def _goal(g: GoalSpec) -> Goal:
    level = Level(g.level) if g.level is not None else None
    return Goal(level, g.services, g.min if g.min is not None else 100.0, g.by)  # min: checked


def effective_level(svc: ServiceSpec, level: Level) -> Level:
    """Muss when competitors offer it as standard, else the segment's level."""
    return Level.MUSS if svc.competition is Competition.STANDARD else level


def _warnings(cf: CatalogFile, cat: Catalog, today: dt.date) -> Iterator[Problem]:
    warn = Severity.WARNING
    for i, seg in enumerate(cf.segments):
        for j, g in enumerate(seg.goals):
            if g.level == "muss" and g.min is not None and g.min < 100:
                yield Problem(
                    ("segments", i, "goals", j, "min"),
                    f"segment '{seg.id}' lowers the Muss goal to {g.min:g} %",
                    "muss-goal-lowered",
                    warn,
                    key=seg.id,
                )
        if all(lvl is None for lvl in cat.segments[seg.id].levels.values()):
            yield Problem(
                ("segments", i),
                f"segment '{seg.id}' has no applicable service",
                "empty-segment",
                warn,
                key=seg.id,
            )
    for i, svc in enumerate(cf.services):
        yield from _service_warnings(i, svc, cat, today)


def _service_warnings(i: int, svc: ServiceSpec, cat: Catalog, today: dt.date) -> Iterator[Problem]:
    warn = Severity.WARNING
    levels = [seg.levels[svc.id] for seg in cat.segments.values()]
    applicable = [lvl for lvl in levels if lvl is not None]
    if (
        svc.knockout
        and Level.MUSS not in applicable
        and svc.competition is not Competition.STANDARD
    ):
        yield Problem(
            ("services", i, "knockout"),
            f"knock-out on '{svc.id}', which is Muss in no segment",
            "knockout-not-muss",
            warn,
            key=svc.id,
        )
    if svc.competition is Competition.STANDARD and any(lvl is not Level.MUSS for lvl in applicable):
        yield Problem(
            ("services", i, "competition"),
            f"'{svc.id}' is offered as standard by competitors but is not Muss in "
            "every segment; it is scored as Muss",
            "competition-standard",
            warn,
            key=svc.id,
        )
    if svc.reviewed is not None and svc.reviewed > today:
        yield Problem(
            ("services", i, "reviewed"),
            f"'reviewed' date {svc.reviewed.isoformat()} is in the future",
            "reviewed-future",
            warn,
            key=svc.id,
        )
    if not (svc.action or "").strip():
        yield Problem(
            ("services", i),
            f"service '{svc.id}' has no 'action'",
            "missing-action",
            warn,
            key=svc.id,
        )
