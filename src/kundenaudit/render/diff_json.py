"""The JSON document of `diff` (SPEC §9, schema `diff`); numbers rounded to two decimals."""

from __future__ import annotations

from typing import Any

from kundenaudit.model.diff import AuditInfo, Change, CustomerDiff, Diff, Side
from kundenaudit.model.limits import FORMAT_VERSION
from kundenaudit.render.json_ import dumps
from kundenaudit.render.json_data import r2 as _r2


def r2(value: float | None) -> float | None:
    """Two decimals; a negative zero (float noise of an unchanged value) is zero."""
    rounded = _r2(value)
    return None if rounded is None else rounded + 0.0


def document(d: Diff) -> dict[str, Any]:
    """The diff as JSON data."""
    p = d.portfolio
    var = p.value_at_risk
    return {
        "kundenaudit": FORMAT_VERSION,
        "diff": {
            "old": _audit(d.old),
            "new": _audit(d.new),
            "customers": [customer(c) for c in d.customers],
            "portfolio": {
                "transitions": {
                    old.value: {new.value: n for new, n in row.items()}
                    for old, row in p.transitions.items()
                },
                "value_at_risk": {
                    "old": r2(var.old),
                    "new": r2(var.new),
                    "catalog": r2(var.catalog),
                    "delivery": r2(var.delivery),
                },
                "improved_by_catalog_only": list(p.improved_by_catalog_only),
                "most_changed": [
                    {"service": s.service, "changes": s.changes} for s in p.most_changed
                ],
            },
        },
    }


def _audit(a: AuditInfo) -> dict[str, Any]:
    return {
        "today": a.today.isoformat(),
        "catalog": {"name": a.catalog.name, "sha256": a.catalog.sha256},
    }


def customer(c: CustomerDiff) -> dict[str, Any]:
    """One customer's entry."""
    cf = c.counterfactual
    return {
        "id": c.id,
        "change": c.change.value,
        "old": _side(c.old),
        "new": _side(c.new),
        "delta": r2(c.delta),
        "catalog": r2(c.catalog),
        "delivery": r2(c.delivery),
        "counterfactual": None
        if cf is None
        else {
            "old_catalog": cf.old_catalog.value if cf.old_catalog else None,
            "old_delivery": cf.old_delivery.value if cf.old_delivery else None,
        },
        "changes": [change(ch) for ch in c.changes],
    }


def _side(s: Side | None) -> dict[str, Any] | None:
    return None if s is None else {"status": s.status.value, "index": r2(s.index)}


def change(ch: Change) -> dict[str, Any]:
    """One change."""
    return {
        "service": ch.service,
        "kind": ch.kind.value,
        "cause": ch.cause.value,
        "old": ch.old,
        "new": ch.new,
        "effect": r2(ch.effect),
    }


def render(d: Diff) -> str:
    """Readable, stable JSON text."""
    return dumps(document(d))
