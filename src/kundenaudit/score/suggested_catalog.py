"""The catalog `calibrate` suggests: the current one with the suggested levels written in, as
data for a YAML file and as a resolved catalog to score the check half with."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from kundenaudit.model.catalog import Catalog
from kundenaudit.model.catalog_file import CatalogFile
from kundenaudit.model.errors import Severity
from kundenaudit.model.vocabulary import ENTFAELLT, Competition, Level
from kundenaudit.score.catalog import check, resolve

_MUSS = Level.MUSS.value


def suggested_catalog(
    cat: Catalog, levels: Mapping[tuple[str, str], str], today: dt.date
) -> tuple[dict[str, Any], Catalog]:
    """The catalog document with ``levels`` ((segment, service) -> level word) applied, and
    that catalog resolved.

    Each service gets the fewest `levels` entries that give every segment its level (a segment
    without an entry inherits along `extends`). So that the levels are scored as written and the
    catalog validates under --strict: `competition: standard` (which scores a service as Muss
    everywhere) becomes `some` where the service is no longer Muss in every segment, and
    `knockout` is dropped from a service that is Muss in no segment."""
    doc = cat.spec.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    order = _parents_first(cat)
    parent = {s.id: s.extends for s in cat.spec.segments}
    for svc in doc["services"]:
        sid = svc["id"]
        want = {seg: levels.get((seg, sid), _word(cat.segments[seg].levels[sid])) for seg in order}
        entries: dict[str, str] = {}
        for seg in order:
            up = parent[seg]
            inherited = want[up] if up is not None else svc["level"]
            if want[seg] != inherited:
                entries[seg] = want[seg]
        svc["levels"] = {seg: entries[seg] for seg in cat.segments if seg in entries}
        applicable = [w for w in want.values() if w != ENTFAELLT]
        if svc.get("competition") == Competition.STANDARD.value and any(
            w != _MUSS for w in applicable
        ):
            svc["competition"] = Competition.SOME.value
        if svc.get("knockout") and _MUSS not in applicable:
            del svc["knockout"]
        if not svc["levels"]:
            del svc["levels"]
    cf = CatalogFile.model_validate(doc)
    errors = [p for p in check(cf, today) if p.severity is Severity.ERROR]
    assert not errors, errors  # levels of a valid catalog changed: nothing can break
    return doc, resolve(cf)


def _word(level: Level | None) -> str:
    return ENTFAELLT if level is None else level.value


def _parents_first(cat: Catalog) -> list[str]:
    """Segment ids, each after the segment it extends."""
    parent = {s.id: s.extends for s in cat.spec.segments}
    out: list[str] = []

    def visit(seg: str) -> None:
        if seg in out:
            return
        up = parent[seg]
        if up is not None:
            visit(up)
        out.append(seg)

    for seg in parent:
        visit(seg)
    return out
