"""The per-segment service table both peer scripts start from (standard library only).

One row per (service, segment) that applies: the effective level (Muss when
`competition: standard`), its level weight W and the service weight w. Canonical level words
only, as the generated benchmark data uses; knock-outs are not modelled (it has none).
"""

from __future__ import annotations

from typing import Any

DEFAULT_WEIGHTS = {"muss": 3.0, "soll": 2.0, "kann": 1.0}
ServiceRow = tuple[str, str, str, float, float]  # service, segment, level, W, w


def level_in(service: dict[str, Any], seg: str, parents: dict[str, str | None]) -> str:
    """The segment's own entry in `levels`, else the nearest ancestor's, else `level`."""
    levels = service.get("levels") or {}
    node: str | None = seg
    while node is not None:
        if node in levels:
            return str(levels[node])
        node = parents.get(node)
    return str(service.get("level", "muss"))


def service_rows(catalog: dict[str, Any]) -> list[ServiceRow]:
    """The applicable (service, segment) pairs with effective level, W and w."""
    weights = {**DEFAULT_WEIGHTS, **(catalog.get("weights") or {})}
    parents = {s["id"]: s.get("extends") for s in catalog["segments"]}
    rows = []
    for svc in catalog["services"]:
        for seg in parents:
            level = level_in(svc, seg, parents)
            if level == "entfaellt":
                continue
            if svc.get("competition") == "standard":
                level = "muss"
            rows.append((svc["id"], seg, level, float(weights[level]), float(svc.get("weight", 1))))
    return rows


def soll_goal(catalog: dict[str, Any], seg: str) -> float | None:
    """The `min` of the segment's standing Soll goal (the generated catalog has one each)."""
    for s in catalog["segments"]:
        if s["id"] == seg:
            for g in s.get("goals") or ():
                if g.get("level") == "soll" and "by" not in g:
                    return float(g["min"])
    return None
