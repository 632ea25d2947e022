"""Customer records as YAML text, valid and invalid: a seeded generator for differential tests."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from kundenaudit.model.vocabulary import STATUS_ALIASES, PlainYaml11Word

# scalars as written in YAML: the plain forms the fast reader takes, and every near miss
NUMBERS = [
    "250000", "0", "-0", "4.3", "0.7", "0.5", "12.25", "-3.5", "1000000000000000",
    "1000000000000000.5", "1000000000000001", "-1000000000000001", "-1000000000000000",
    "1e15", "1e16", "-1", "0.0000001", "0.99999999999999999",
    "0.30000000000000004", "123456789012345.67", "'5'", '" 5"', "05", "1e3", "1_000",
    "1.", ".5", "+5", "0x10", "1,5", ".inf", "-.inf", ".nan", "nan", "inf", "abc", "yes",
    "true", "null", "''", "[1]", "{a: 1}", "2026-01-01", "1", "0.1", "0.9", "1.0", "0.0",
    "99999999999999999999",
]  # fmt: skip
TEXTS = [
    "Müller GmbH", "A. Schmidt", "yes", "no", "'yes'", "on", "Off", "123", "null", "~", "''",
    "' '", "[a]", "{a: b}", "2026-01-01", '"a\\tb"', "true", "' Weg '", '"\\u00a0x"',
]  # fmt: skip
IDS = [
    "K-10023", "k1", "'K-1'", "' K-1 '", "'  '", "''", "yes", "123", "null", "[a]",
    '"\\u00a0K"', '"K\\u2028"', '"\\x1cK"', '"K\\x1f"', '"\\u3000K"', '"\\tK"', '"K\\n"',
    "Müller", "1.5", "2026-01-01",
]  # fmt: skip
SEGMENTS = [
    "schluesselkunde", "standard", "a-b_c", "0x", "Gross", "-a", "_a", "yes", "no", "1",
    '"a\\n"', "ä", "null", "''", "[a]", "a b", "'standard'",
]  # fmt: skip
DATES = [
    "2026-11-20", "2026-02-28", "2024-02-29", "2026-02-30", "'2026-11-20'", "2026-1-1",
    "2026-11-20T00:00:00", "2026-11-20T10:00:00", "2026-11-20 10:00", "20261120",
    "0000-01-01", "9999-12-31", "null", "yes", "1700000000", "' 2026-11-20'", "[2026-11-20]",
]  # fmt: skip
STATUSES = [
    *STATUS_ALIASES, "Erfuellt", "ERFÜLLT", "' erfuellt '", "'Teilweise'", "yes", "no", "on",
    "unknown", "erfüllt", "null", "''", "[erfuellt]", "1", "true", "N/A",
]  # fmt: skip
KEYS = ["umsatz", "nps", "a-b_c", "0x", "Umsatz", "'a b'", "-x", "'yes'", "'1'", "'ä'"]
OUTCOMES = [
    "true", "false", "True", "FALSE", "yes", "no", "on", "'yes'", "'no'", "ja", "nein",
    "'1'", "'0'", "' True '", "maybe", "null", "~", "'on'", "[true]", "1",
]  # fmt: skip
VERSIONS = ["1", "1", "1", "1", "'1'", "2", "1.0", "01", "null", "yes", "' 1'", "[1]"]
ENTRY_FIELDS = ("degree", "reason", "until", "note", "evidence", "date", "extra")
ENTRY_POOLS = {
    "degree": NUMBERS,
    "reason": TEXTS,
    "until": DATES,
    "note": TEXTS,
    "evidence": TEXTS,
    "date": DATES,
    "extra": TEXTS,
}

PLAIN_DETAILS = {"degree": ["0.5", "0.25", "0.7"], "until": DATES[:3], "date": DATES[:3]}


def _pick(rng: random.Random, pool: list[str], plain: list[str]) -> str:
    """Mostly a plainly valid value, sometimes any of the pool."""
    return rng.choice(plain if rng.random() < 0.92 else pool)


def _entry(rng: random.Random) -> str:
    status = rng.choice(["erfuellt", "teilweise", "entbehrlich", "offen", *STATUSES])
    parts = [f"status: {status}"] if rng.random() < 0.95 else []
    for name in rng.sample(ENTRY_FIELDS, rng.randint(0, 3)):
        if name == "extra" and rng.random() < 0.7:
            continue
        plain = (
            ["0.5", "0.25", "0.7"] if name == "degree" else DATES[:3] if "d" in name else TEXTS[:2]
        )
        parts.append(f"{name}: {_pick(rng, ENTRY_POOLS[name], plain)}")
    return "{" + ", ".join(parts) + "}"


def _mapping(rng: random.Random, values: list[str], plain: list[str]) -> str:
    keys = rng.sample(KEYS, rng.randint(0, 3))
    keys = [k for k in keys if k in KEYS[:4] or rng.random() < 0.3]
    return "{" + ", ".join(f"{k}: {_pick(rng, values, plain)}" for k in keys) + "}"


def record_text(rng: random.Random) -> str:
    """One customer record: most fields plainly valid, a few mutated."""
    customer = [f"id: {_pick(rng, IDS, IDS[:2])}"] if rng.random() < 0.97 else []
    for name, pool, plain in (
        ("name", TEXTS, TEXTS[:2]),
        ("segment", SEGMENTS, SEGMENTS[:3]),
        ("manager", TEXTS, TEXTS[:2]),
        ("value", NUMBERS, NUMBERS[:6]),
        ("phone", TEXTS, TEXTS[:1]),
    ):
        if rng.random() < (0.03 if name == "phone" else 0.7):
            customer.append(f"{name}: {_pick(rng, pool, plain)}")
    lines = []
    if rng.random() < 0.98:
        lines.append(f"kundenaudit: {_pick(rng, VERSIONS, ['1'])}")
    lines.append("customer: {" + ", ".join(customer) + "}")
    if rng.random() < 0.6:
        lines.append(f"audited: {_pick(rng, DATES, DATES[:3])}")
    if rng.random() < 0.9:
        lines.append("services:")
        for i in range(rng.randint(0, 8)):
            bare = rng.random() < 0.6
            value = (
                _pick(rng, STATUSES, ["erfuellt", "teilweise", "offen"]) if bare else _entry(rng)
            )
            lines.append(f"  s{i}: {value}")
        if rng.random() < 0.03:
            lines[-1] = "services: " + rng.choice(["null", "[a]", "erfuellt"])
    if rng.random() < 0.4:
        lines.append(f"kpis: {_mapping(rng, NUMBERS, NUMBERS[:6])}")
    if rng.random() < 0.4:
        lines.append(f"outcomes: {_mapping(rng, OUTCOMES, OUTCOMES[:4])}")
    if rng.random() < 0.03:
        lines.append(f"{rng.choice(['extra', 'Customer', 'kpi'])}: {rng.choice(TEXTS)}")
    return "\n".join(lines) + "\n"


# values the YAML loader never gives but a caller might: the fast reader must decline them
FOREIGN: list[Any] = [
    1, 0, 1.5, True, False, float("nan"), float("inf"), dt.date(2026, 1, 1),
    PlainYaml11Word("erfuellt"), PlainYaml11Word("1"), b"x", ("a",),
]  # fmt: skip


def with_foreign_leaf(rng: random.Random, data: dict[str, Any]) -> tuple[dict[str, Any], Any]:
    """``data`` with one leaf (or key) somewhere replaced by a value YAML never gives, and
    that value."""
    key = rng.choice(list(data))
    value = data[key]
    out = dict(data)
    if isinstance(value, dict) and value and rng.random() < 0.7:
        out[key], foreign = with_foreign_leaf(rng, value)
    elif rng.random() < 0.1:
        foreign = rng.choice(FOREIGN[:5])
        out[foreign] = out.pop(key)  # a key that is no str
    else:
        foreign = out[key] = rng.choice(FOREIGN)
    return out, foreign


# One record with every field the plain reader takes, and each field in turn set to every
# value of its pool: each near miss is met in a record that is otherwise valid.
TEMPLATE = """kundenaudit: {version}
customer: {{id: {id}, name: {name}, segment: {segment}, manager: {manager}, value: {value}}}
audited: {audited}
services:
  a: {bare}
  b: {{status: {status}, degree: {degree}, note: {note}, evidence: {evidence}, date: {date}}}
  c: {{status: entbehrlich, reason: {reason}, until: {until}}}
kpis: {{{kpi_key}: {kpi}}}
outcomes: {{{outcome_key}: {outcome}}}
"""
SLOTS = {
    "version": VERSIONS,
    "id": IDS,
    "name": TEXTS,
    "segment": SEGMENTS,
    "manager": TEXTS,
    "value": NUMBERS,
    "audited": DATES,
    "bare": STATUSES,
    "status": STATUSES,
    "degree": NUMBERS,
    "note": TEXTS,
    "evidence": TEXTS,
    "date": DATES,
    "reason": TEXTS,
    "until": DATES,
    "kpi_key": KEYS,
    "kpi": NUMBERS,
    "outcome_key": KEYS,
    "outcome": OUTCOMES,
}
BASE = {slot: pool[0] for slot, pool in SLOTS.items()} | {"status": "teilweise", "degree": "0.5"}


def one_field_variants() -> list[str]:
    """The template with its base values, then with one field changed at a time."""
    return [TEMPLATE.format(**BASE)] + [
        TEMPLATE.format(**{**BASE, slot: value}) for slot, pool in SLOTS.items() for value in pool
    ]
