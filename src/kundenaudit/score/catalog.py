"""Catalog semantics: segment resolution (extends, levels, goals) and the lint rules."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from kundenaudit.model.catalog import Goal, Metric, MetricGoal, Segment, Service, Weights
from kundenaudit.model.errors import Problem, Severity
from kundenaudit.model.suggest import did_you_mean
from kundenaudit.model.vocabulary import ENTFAELLT, Level
from kundenaudit.score import metrics
from kundenaudit.score.catalog_lint import lint
from kundenaudit.score.resolved import ScoringCatalog, assemble

if TYPE_CHECKING:
    from kundenaudit.model.catalog_file import CatalogFile
    from kundenaudit.model.catalog_mirror import AnyGoal, CatalogSpec


def check(cf: CatalogSpec, today: dt.date) -> list[Problem]:
    """Every error and warning of SPEC §2.1 beyond what the models check."""
    problems = [*_id_problems(cf), *metrics.check(cf)]
    problems += _previous_id_problems(cf)
    problems += _duplicate_goals(cf)
    if any(p.severity is Severity.ERROR for p in problems):
        return problems
    problems += _inheritance_problems(cf)
    if any(p.severity is Severity.ERROR for p in problems):
        return problems
    problems += lint(cf, resolve_spec(cf, _no_model), today)
    return problems


def _id_problems(cf: CatalogSpec) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for i, seg in enumerate(cf.segments):
        if seg.id in seen:
            yield Problem(
                loc=("segments", i, "id"),
                message=f"duplicate segment id '{seg.id}'",
                rule="duplicate-id",
                key=seg.id,
            )
        seen.setdefault(seg.id, i)
    segment_ids = list(seen)
    service_ids: dict[str, int] = {}
    for i, svc in enumerate(cf.services):
        if svc.id in service_ids:
            yield Problem(
                loc=("services", i, "id"),
                message=f"duplicate service id '{svc.id}'",
                rule="duplicate-id",
                key=svc.id,
            )
        service_ids.setdefault(svc.id, i)
    for i, svc in enumerate(cf.services):
        for seg_id in svc.levels:
            if seg_id not in seen:
                yield Problem(
                    loc=("services", i, "levels", seg_id),
                    message=f"unknown segment '{seg_id}'{did_you_mean(seg_id, segment_ids)}",
                    rule="unknown-segment",
                    at_key=True,
                    key=svc.id,
                )
    for i, seg in enumerate(cf.segments):
        if seg.extends is not None and seg.extends not in seen:
            yield Problem(
                loc=("segments", i, "extends"),
                message=f"unknown segment '{seg.extends}'{did_you_mean(seg.extends, segment_ids)}",
                rule="unknown-segment",
                key=seg.id,
            )
        for j, goal in enumerate(seg.goals):
            for k, sid in enumerate(goal.services or ()):
                if sid not in service_ids:
                    yield Problem(
                        loc=("segments", i, "goals", j, "services", k),
                        message=f"unknown service '{sid}'{did_you_mean(sid, service_ids)}",
                        rule="unknown-service",
                        key=seg.id,
                    )


def _duplicate_goals(cf: CatalogSpec) -> Iterator[Problem]:
    """Two goals of one segment with the same content (SPEC §2.1): which would count? The error
    is located at the second."""
    for i, seg in enumerate(cf.segments):
        first: dict[tuple[Any, ...], int] = {}
        for j, goal in enumerate(seg.goals):
            if goal.metric is not None:  # two goals on one metric: metrics.check reports them
                continue
            key = _goal_key(goal)
            if key in first:
                yield Problem(
                    loc=("segments", i, "goals", j),
                    message=f"two goals of the same content in segment '{seg.id}' "
                    f"({_content(goal)}; the other is goals[{first[key]}]): keep one",
                    rule="duplicate-goal",
                    key=seg.id,
                )
            first.setdefault(key, j)


def _content(goal: AnyGoal) -> str:
    if goal.services is not None:
        return "services " + ", ".join(sorted(set(goal.services)))
    return f"level {Level(goal.level).label}"


def _previous_id_problems(cf: CatalogSpec) -> Iterator[Problem]:
    """`previous_ids` name no current service, and no old id belongs to two services."""
    current = {svc.id for svc in cf.services}
    owner: dict[str, str] = {}
    for i, svc in enumerate(cf.services):
        for k, old in enumerate(svc.previous_ids):
            loc = ("services", i, "previous_ids", k)
            if old in current:
                yield Problem(
                    loc=loc,
                    message=f"previous id '{old}' of '{svc.id}' is a current service id",
                    rule="previous-id-current",
                    key=svc.id,
                )
            elif old in owner and owner[old] != svc.id:
                yield Problem(
                    loc=loc,
                    message=f"previous id '{old}' is claimed by '{owner[old]}' and '{svc.id}'",
                    rule="previous-id-twice",
                    key=svc.id,
                )
            owner.setdefault(old, svc.id)


def _inheritance_problems(cf: CatalogSpec) -> Iterator[Problem]:
    """Each cycle of `extends` once, at its first segment in file order.

    Every segment is visited once (a walk stops at a segment an earlier walk has seen), so a
    long chain costs its length, not its length squared."""
    parent = {s.id: s.extends for s in cf.segments}
    order = {s.id: i for i, s in enumerate(cf.segments)}
    done: set[str] = set()
    cycles: dict[str, list[str]] = {}  # first segment of a cycle -> the cycle from there
    for seg in cf.segments:
        walk: dict[str, int] = {}  # segment -> its position on this walk
        current: str | None = seg.id
        while current is not None and current not in done and current not in walk:
            walk[current] = len(walk)
            current = parent[current]
        if current is not None and current in walk:  # this walk closed a cycle
            members = list(walk)[walk[current] :]
            first = min(members, key=order.__getitem__)
            at = members.index(first)
            cycles[first] = members[at:] + members[:at]
        done.update(walk)
    for i, seg in enumerate(cf.segments):
        if seg.id in cycles:
            members = cycles[seg.id]
            yield Problem(
                loc=("segments", i, "extends"),
                message=f"'extends' forms a cycle: {' -> '.join([*members, seg.id])}",
                rule="extends-cycle",
                key=seg.id,
            )


def resolve(cf: CatalogFile) -> ScoringCatalog:
    """Resolve every segment of a file model; see ``resolve_spec``."""
    return resolve_spec(cf, lambda: cf)


def resolve_spec(cf: CatalogSpec, file: Callable[[], CatalogFile]) -> ScoringCatalog:
    """Resolve a file model or its mirror (whose model ``file`` gives) that passed the checks."""
    by_id = {s.id: s for s in cf.segments}
    # each segment from its parent's resolution (parents first): a service's level word is the
    # segment's own entry, else the parent's word; goals are the parent's with its own applied
    words: dict[str, dict[str, str]] = {}
    goals: dict[str, dict[tuple[Any, ...], Goal]] = {}
    kpis: dict[str, dict[str, MetricGoal]] = {}  # metric goals by metric
    for seg in cf.segments:
        if seg.id in words:  # resolved already, as an ancestor of an earlier segment
            continue
        pending = [seg.id]
        while (up := by_id[pending[-1]].extends) is not None and up not in words:
            pending.append(up)
        for sid in reversed(pending):
            up = by_id[sid].extends
            base = words[up] if up is not None else {s.id: s.level for s in cf.services}
            words[sid] = {s.id: s.levels.get(sid, base[s.id]) for s in cf.services}
            own = dict(goals[up]) if up is not None else {("level", Level.MUSS): _IMPLICIT}
            own.update((_goal_key(g), _goal(g)) for g in by_id[sid].goals if g.metric is None)
            goals[sid] = own
            mine = metrics.resolve({sid: by_id[sid].goals}, [sid])
            kpis[sid] = {**(kpis[up] if up is not None else {}), **{m.metric: m for m in mine}}
    segments = {
        s.id: Segment(
            id=s.id,
            name=s.name,
            levels=_levels(words[s.id]),
            goals=tuple(goals[s.id].values()),
            metric_goals=tuple(kpis[s.id].values()),
        )
        for s in cf.segments
    }
    w = cf.weights
    return assemble(
        name=cf.name,
        version=cf.version,
        source=cf.source,
        language=cf.language,
        weights=Weights(w.muss, w.soll, w.kann),
        metrics={m.id: _copy(m, Metric) for m in cf.metrics},
        services={s.id: _copy(s, Service) for s in cf.services},
        segments=segments,
        file=file,
    )


_T = TypeVar("_T", Service, Metric)


def _copy(spec: object, cls: type[_T]) -> _T:
    return cls(**{f.name: getattr(spec, f.name) for f in dataclasses.fields(cls)})


def _no_model() -> CatalogFile:
    raise TypeError("the checks resolve a catalog for the lint only")


_IMPLICIT = Goal(level=Level.MUSS, services=None, min=100.0, by=None, implicit=True)


def _levels(words: dict[str, str]) -> dict[str, Level | None]:
    return {sid: None if word == ENTFAELLT else Level(word) for sid, word in words.items()}


def _goal_key(g: AnyGoal) -> tuple[Any, ...]:
    if g.services is not None:
        return ("services", frozenset(g.services))
    return ("level", Level(g.level))


def _goal(g: AnyGoal) -> Goal:
    level = Level(g.level) if g.level is not None else None
    minimum = g.min if g.min is not None else 100.0  # a coverage goal has min: checked
    return Goal(level=level, services=g.services, min=minimum, by=g.by)
