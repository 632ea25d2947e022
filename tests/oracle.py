"""A plain reference scorer of SPEC §3, written to be obviously correct, not fast.

It reads the catalog and record as the plain dicts their YAML files give (canonical words),
computes with exact fractions of the decimal numbers as written, and shares no code with the
engine. Where the SPEC is silent it follows the README's decisions ("Scoring").
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

LEVELS = ("muss", "soll", "kann")
STATUSES = ("erfuellt", "teilweise", "nicht_erfuellt", "offen", "entbehrlich")
DEFAULT_WEIGHTS = {"muss": 3, "soll": 2, "kann": 1}


def exact(x: float | int) -> Fraction:
    """The number as written in the file (0.1 is one tenth, not the nearest float)."""
    return Fraction(str(x))


def chain(cat: dict[str, Any], seg_id: str) -> list[dict[str, Any]]:
    """The segment, its parent, ..., the root."""
    by_id = {s["id"]: s for s in cat["segments"]}
    out = [by_id[seg_id]]
    while out[-1].get("extends"):
        out.append(by_id[out[-1]["extends"]])
    return out


def level_in(svc: dict[str, Any], segs: list[dict[str, Any]]) -> str:
    """The segment's own entry in levels, else the nearest ancestor's, else the default."""
    for seg in segs:
        if seg["id"] in svc.get("levels", {}):
            return str(svc["levels"][seg["id"]])
    return str(svc["level"])


def goals_of(segs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The implicit Muss goal first, then the goals from the root to the segment in file
    order; a goal with the same content replaces the earlier one in its place."""
    goals: dict[Any, dict[str, Any]] = {("level", "muss"): {"level": "muss", "min": 100}}
    for seg in reversed(segs):
        for g in seg.get("goals", []):
            key = ("level", g["level"]) if "level" in g else ("services", frozenset(g["services"]))
            goals[key] = g
    return list(goals.values())


def coverage(rows: list[dict[str, Any]]) -> Fraction | None:
    """100 * sum(w*d) / sum(w), None with nothing to measure."""
    if not rows:
        return None
    got: Fraction = 100 * sum(r["w"] * r["d"] for r in rows) / sum(r["w"] for r in rows)
    return got


def measured(goal: dict[str, Any], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if "level" in goal:
        return [r for r in rows if r["level"] == goal["level"]]
    return [r for r in rows if r["id"] in goal["services"]]


def state(goal: dict[str, Any], actual: Fraction | None, audited: dt.date) -> str:
    if actual is None or actual >= exact(goal["min"]):
        return "erreicht"
    if goal.get("by") is None:
        return "verfehlt"
    return "laeuft" if goal["by"] > audited else "ueberfaellig"


def score(cat: dict[str, Any], rec: dict[str, Any]) -> dict[str, Any]:
    """Every field of SPEC §3 for one customer, numbers exact."""
    segs = chain(cat, rec["customer"]["segment"])
    audited = rec["audited"]
    weights = {**DEFAULT_WEIGHTS, **cat.get("weights", {})}
    counts = dict.fromkeys(STATUSES, 0)
    rows: list[dict[str, Any]] = []
    exempt, expired = [], []
    for svc in sorted(cat["services"], key=lambda s: s["id"]):
        nominal = level_in(svc, segs)
        if nominal == "entfaellt":
            continue
        given = rec.get("services", {}).get(svc["id"], "offen")
        delivery = {"status": given} if isinstance(given, str) else given
        status, was_expired = delivery["status"], False
        if status == "entbehrlich":
            if delivery.get("until") is None or delivery["until"] >= audited:
                counts["entbehrlich"] += 1
                exempt.append(svc["id"])
                continue
            status, was_expired = "offen", True
            expired.append(svc["id"])
        counts[status] += 1
        # erfuellt 1, teilweise its degree (default 0.5), everything else 0
        d = (
            exact(float(delivery.get("degree", 0.5)))
            if status == "teilweise"
            else Fraction(status == "erfuellt")
        )
        level = "muss" if svc.get("competition") == "standard" else nominal
        w = exact(svc.get("weight", 1))
        big_w = exact(weights[level])
        rows.append(
            {"id": svc["id"], "svc": svc, "nominal": nominal, "level": level, "w": w,
             "ww": big_w * w, "d": d, "status": status, "expired": was_expired,
             "knockout": bool(svc.get("knockout")) and level == "muss"}
        )  # fmt: skip
    total = sum(r["ww"] for r in rows)
    gaps = [r for r in rows if r["d"] < 1]
    for r in gaps:
        r["gain"] = 100 * r["ww"] * (1 - r["d"]) / total
    gaps.sort(key=lambda r: (not r["knockout"], LEVELS.index(r["level"]), -r["gain"], r["id"]))
    goals: list[dict[str, Any]] = []
    for g in goals_of(segs):
        actual = coverage(measured(g, rows))
        goals.append({"goal": g, "actual": actual, "state": state(g, actual, audited)})
    knockouts = [r["id"] for r in gaps if r["knockout"]]
    for x in goals:
        x["failed"] = x["state"] in ("verfehlt", "ueberfaellig")
        x["muss_unmet"] = x["goal"].get("level") == "muss" and x["state"] != "erreicht"
    if knockouts or any(x["muss_unmet"] for x in goals):
        ampel = "rot"
    else:
        ampel = "gelb" if any(x["failed"] for x in goals) else "gruen"
    chosen = set(knockouts)
    for x in goals:  # an unmet Muss goal that still runs keeps the customer rot: lift it too
        if ampel != "gruen" and (x["failed"] or x["muss_unmet"]):
            lift(x["goal"], measured(x["goal"], rows), chosen)
    return {
        "status": ampel,
        "index": 100 * sum(r["ww"] * r["d"] for r in rows) / total if rows else None,
        "coverage": {L: coverage([r for r in rows if r["level"] == L]) for L in LEVELS},
        "counts": counts,
        "knockouts": knockouts,
        "goals": goals,
        "gaps": gaps,
        "next_steps": [r["id"] for r in gaps if r["id"] in chosen],
        "differentiators": [
            r["id"] for r in rows if r["d"] == 1 and r["svc"].get("competition") == "none"
        ],
        "exempt": exempt,
        "expired": expired,
    }


def lift(goal: dict[str, Any], rows: list[dict[str, Any]], chosen: set[str]) -> None:
    """Choose the fewest of the goal's gaps (chosen ones count as fulfilled) to reach min."""
    if not rows:
        return
    den = sum(r["w"] for r in rows)
    got = sum(r["w"] * (1 if r["id"] in chosen else r["d"]) for r in rows)
    candidates = sorted(
        (r for r in rows if r["d"] < 1 and r["id"] not in chosen),
        key=lambda r: (-r["w"] * (1 - r["d"]), r["svc"].get("effort") or 6, -r["gain"], r["id"]),
    )
    for r in candidates:
        if 100 * got / den >= exact(goal["min"]):
            return
        chosen.add(r["id"])
        got += r["w"] * (1 - r["d"])


def half_up(value: Fraction, digits: int) -> Fraction:
    """Round half up (away from zero) to ``digits`` decimals, exactly."""
    scale = 10**digits
    sign = -1 if value < 0 else 1
    return sign * Fraction(int(abs(value) * scale + Fraction(1, 2)), scale)
