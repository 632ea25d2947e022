"""Catalog files as YAML text, valid and invalid: a seeded generator for differential tests."""

from __future__ import annotations

import random

from tests.load.record_variants import DATES, IDS, NUMBERS, SEGMENTS, TEXTS, VERSIONS

LEVELS = [
    "muss", "soll", "kann", "entfaellt", "Muss", "SOLL", "must", "should", "sollte", "can",
    "may", "none", "'-'", "entfällt", "' kann '", "yes", "no", "null", "''", "[muss]", "mus",
]  # fmt: skip
BOOLS = [
    "true", "false", "True", "False", "TRUE", "FALSE", "yes", "no", "on", "off", "'yes'",
    "'true'", "1", "0", "t", "f", "y", "n", "' true'", "null", "maybe", "[true]", "Yes",
]  # fmt: skip
INTS = [
    "1", "3", "5", "0", "6", "-1", "-0", "30", "365", "2.0", "2.5", "' 3'", "03", "1e1",
    "1_0", "yes", "null", "99999999999999999999", "1000000000000000", "'4'", "[1]",
]  # fmt: skip
WORDS = [
    "standard", "some", "none", "Standard", "'none'", "oekonomisch", "psychografisch",
    "higher", "lower", "Higher", "de", "en", "fr", "DE", "'de'", "yes", "null", "''", "[a]",
]  # fmt: skip
ID_LISTS = ["[a]", "[a, b]", "[]", "[a, a]", "[x]", "a", "null", "[A]", "[1]", "[yes]", "{a: 1}"]
WEIGHTS = ["3", "0.5", "1000000", "1000001", "0", "-0", "-1", *NUMBERS[:14], "1e3", "'2'"]

# One catalog with every field the plain reader takes, then each slot in turn set to every
# value of its pool: each near miss is met in a catalog that is otherwise valid.
TEMPLATE = """kundenaudit: {version}
name: {name}
version: {cat_version}
source: {source}
licence: {licence}
language: {language}
review_interval_days: {interval}
weights: {{muss: {w_muss}, soll: {w_soll}, kann: 1}}
review: {{due_within_days: {due}, drift: {{share: {share}, min_customers: {min_customers}}}}}
metrics:
  - {{id: {metric_id}, name: {metric_name}, kind: {kind}, unit: {unit}, better: {better}, margin: {margin}}}
  - {{id: nps, name: NPS, kind: psychografisch}}
segments:
  - id: {segment_id}
    name: {segment_name}
    description: {segment_description}
    goals:
      - {{level: {goal_level}, min: {goal_min}, by: {goal_by}}}
      - {{services: {goal_services}, min: 80}}
      - {{metric: {goal_metric}, target: {goal_target}}}
  - {{id: b, name: B, extends: {extends}}}
services:
  - id: {service_id}
    name: {service_name}
    ref: {ref}
    category: {category}
    description: {service_description}
    level: {level}
    levels: {{b: {segment_level}}}
    weight: {weight}
    knockout: {knockout}
    competition: {competition}
    effort: {effort}
    action: {action}
    reviewed: {reviewed}
    previous_ids: {previous_ids}
    cost: {cost}
  - {{id: b, name: B, level: {level_b}}}
"""  # noqa: E501
SLOTS = {
    "version": VERSIONS,
    "name": TEXTS,
    "cat_version": ["'2026.1'", "2026.1", "3", "yes", *TEXTS],
    "source": TEXTS,
    "licence": TEXTS,
    "language": WORDS,
    "interval": INTS,
    "w_muss": WEIGHTS,
    "w_soll": WEIGHTS,
    "due": INTS,
    "share": NUMBERS,
    "min_customers": INTS,
    "metric_id": ["umsatz", *IDS, *SEGMENTS],
    "metric_name": TEXTS,
    "kind": WORDS,
    "unit": TEXTS,
    "better": WORDS,
    "margin": BOOLS,
    "segment_id": SEGMENTS,
    "segment_name": TEXTS,
    "segment_description": TEXTS,
    "goal_level": LEVELS,
    "goal_min": NUMBERS,
    "goal_by": DATES,
    "goal_services": ID_LISTS,
    "goal_metric": ["umsatz", "nps", "null", "x", *SEGMENTS],
    "goal_target": NUMBERS,
    "extends": ["schluesselkunde", "null", "b", "x", *SEGMENTS],
    "service_id": ["a", *SEGMENTS, *IDS],
    "service_name": TEXTS,
    "ref": TEXTS,
    "category": TEXTS,
    "service_description": TEXTS,
    "level": LEVELS,
    "segment_level": LEVELS,
    "weight": WEIGHTS,
    "knockout": BOOLS,
    "competition": WORDS,
    "effort": INTS,
    "action": TEXTS,
    "reviewed": DATES,
    "previous_ids": ["[alt]", "[]", "[b]", "[alt, alt]", *ID_LISTS],
    "cost": NUMBERS,
    "level_b": LEVELS,
}
BASE = {slot: pool[0] for slot, pool in SLOTS.items()} | {
    "cat_version": "'2026.1'",
    "language": "de",
    "interval": "365",
    "due": "30",
    "share": "80",
    "min_customers": "10",
    "kind": "oekonomisch",
    "better": "higher",
    "margin": "true",
    "competition": "some",
    "effort": "3",
    "goal_min": "80",
    "goal_target": "1000",
    "cost": "250",
    "extends": "schluesselkunde",
    "reviewed": "2026-02-28",
}


def one_field_variants() -> list[str]:
    """The template with its base values, then with one slot changed at a time."""
    return [TEMPLATE.format(**BASE)] + [
        TEMPLATE.format(**{**BASE, slot: value}) for slot, pool in SLOTS.items() for value in pool
    ]


def catalog_text(rng: random.Random) -> str:
    """The template with a few slots mutated, and sometimes a line dropped or an extra key."""
    values = dict(BASE)
    for slot in rng.sample(list(SLOTS), rng.randint(0, 4)):
        values[slot] = rng.choice(SLOTS[slot])
    lines = TEMPLATE.format(**values).splitlines()
    if rng.random() < 0.3:  # a field left out: its default, or a missing required field
        del lines[rng.randrange(len(lines))]
    if rng.random() < 0.05:
        lines.insert(1, f"{rng.choice(['extra', 'Name', 'metric'])}: {rng.choice(TEXTS)}")
    return "\n".join(lines) + "\n"
