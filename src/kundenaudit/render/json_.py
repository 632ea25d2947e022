"""JSON documents: the resolved catalog and the score result (SPEC §6)."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from kundenaudit.model.catalog import Catalog, Goal
from kundenaudit.score.rules import effective_level


def dumps(data: Any) -> str:
    """Stable, readable JSON with a final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def goal_dict(goal: Goal) -> dict[str, Any]:
    """A goal as JSON data."""
    return {
        "level": goal.level.value if goal.level else None,
        "services": list(goal.services) if goal.services is not None else None,
        "min": goal.min,
        "by": goal.by.isoformat() if goal.by else None,
    }


def catalog(cat: Catalog, segment_ids: list[str]) -> str:
    """The resolved matrix: services with their level in each segment, segments with goals."""
    services = []
    for svc in cat.services.values():
        levels = {s: cat.segments[s].levels[svc.id] for s in segment_ids}
        services.append(
            {
                "id": svc.id,
                "name": svc.name,
                "ref": svc.ref,
                "category": svc.category,
                "weight": svc.weight,
                "knockout": svc.knockout,
                "competition": svc.competition.value if svc.competition else None,
                "effort": svc.effort,
                "action": svc.action,
                "levels": {s: lvl.value if lvl else None for s, lvl in levels.items()},
                "effective_levels": {
                    s: effective_level(svc.competition, lvl).value if lvl else None
                    for s, lvl in levels.items()
                },
            }
        )
    segments = [
        {
            "id": s,
            "name": cat.segments[s].name,
            "goals": [goal_dict(g) for g in cat.segments[s].goals],
        }
        for s in segment_ids
    ]
    return dumps(
        {
            "kundenaudit": 1,
            "catalog": {
                "name": cat.name,
                "version": cat.version,
                "source": cat.source,
                "language": cat.language,
            },
            "weights": dataclasses.asdict(cat.weights),
            "segments": segments,
            "services": services,
        }
    )
