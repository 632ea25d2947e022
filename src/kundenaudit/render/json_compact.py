"""Compact JSON lines of scorecards, byte for byte what json.dumps gives, several times faster."""

from __future__ import annotations

import datetime as dt
import json
from json.encoder import encode_basestring as _q  # the C encoder of json.dumps
from math import floor as _floor
from math import isfinite as _isfinite
from typing import Any

from kundenaudit.model.results import CustomerScore, Gap, GoalResult
from kundenaudit.model.vocabulary import Ampel, GoalState
from kundenaudit.render.json_data import gap, goal, metric_fields
from kundenaudit.score.rules import EPSILON

_COMPACT = (",", ":")
_HALF = 0.5 + EPSILON * 100.0  # rules.rounded(value, 2), inlined for values >= 0
_WORD: dict[Ampel | GoalState, str] = {m: m.value for m in (*Ampel, *GoalState)}  # .value is slow
_PARTS_MAX = 5_000  # gap encodings kept: about a megabyte at most
_GAPS_MAX = 1_000  # whole gaps kept by identity: the engine shares gaps between customers
_GoalKey = tuple[str | None, tuple[str, ...] | None, float, dt.date | None]


class CompactWriter:
    """One customer per compact line, byte for byte what ``json.dumps(customer(s))`` gives with
    compact separators, but several times faster: everything that comes from the catalog (a
    gap's service fields, a goal's definition, service ids, dates) is encoded once and reused;
    per customer only statuses, numbers and free texts are formatted, and a gap object met
    before (the engine shares them between customers) is its text again. A writer serves one
    catalog: a gap's name, competition, effort and action are those of its service id."""

    def __init__(self) -> None:
        self._parts: dict[tuple[str, str, str, bool, str, float, bool], tuple[str, str]] = {}
        self._goals: dict[_GoalKey, str] = {}
        self._texts: dict[str, str] = {}
        self._dates: dict[dt.date, str] = {}
        self._templates: dict[tuple[str, ...], str] = {}
        # a gap object's whole text by id(): the engine shares gaps (of one service, status,
        # degree and customer total) between customers, and results are never changed
        self._gap_texts: dict[int, str] = {}
        self._held: list[Gap] = []  # the gaps of _gap_texts, kept alive so no id is reused

    def customer(self, s: CustomerScore) -> str:
        text = self._text
        ids = self._ids
        coverage = self._template(tuple(s.coverage), "%s") % tuple(
            [
                "null" if v is None else _repr(_floor(v * 100 + _HALF) / 100)
                for v in s.coverage.values()
            ]
        )
        counts = self._template(tuple(s.counts), "%d") % tuple(s.counts.values())
        goals = ",".join([self._goal(g) for g in s.goals])
        known = self._gap_texts.get
        gaps = ",".join([known(id(g)) or self._gap(g) for g in s.gaps])
        index, value, segment_name = s.index, s.value, s.segment_name
        return (
            f'{{"id":{_q(s.id)},"name":{_opt_q(s.name)},"segment":{text(s.segment)},'
            f'"audited":{self._date(s.audited)},"status":"{_WORD[s.status]}",'
            f'"index":{"null" if index is None else _repr(_floor(index * 100 + _HALF) / 100)},'
            f'"coverage":{{{coverage}}},"counts":{{{counts}}},'
            f'"knockouts":[{ids(s.knockouts)}],"goals":[{goals}],"gaps":[{gaps}],'
            f'"next_steps":[{ids(s.next_steps)}],"differentiators":[{ids(s.differentiators)}],'
            f'"expired":[{ids(s.expired)}],"exempt":[{ids(s.exempt)}],'
            f'"segment_name":{"null" if segment_name is None else text(segment_name)},'
            f'"manager":{_opt_q(s.manager)},"value":{_value(value)},{self._metrics(s)}}}'
        )

    def _metrics(self, s: CustomerScore) -> str:
        """The metric and cost fields; the same few bytes for every customer without them."""
        if s.kpis is None and not s.metric_goals and s.cost_delivered is None:
            return _NO_METRICS
        return _dumps(metric_fields(s))[1:-1]

    def _template(self, keys: tuple[str, ...], placeholder: str) -> str:
        """``"key":%s,...`` for a dict's keys, made once per set of keys."""
        template = self._templates.get(keys)
        if template is None:
            template = ",".join(f"{self._text(k).replace('%', '%%')}:{placeholder}" for k in keys)
            self._templates[keys] = template
        return template

    def _text(self, value: str) -> str:
        """A string that repeats across customers (ids, words), encoded once."""
        encoded = self._texts.get(value)
        if encoded is None:
            encoded = self._texts[value] = _q(value)
        return encoded

    def _ids(self, values: list[str]) -> str:
        if not values:
            return ""
        texts = self._texts
        encoded = [texts.get(v) for v in values]
        if None in encoded:
            encoded = [self._text(v) for v in values]
        return ",".join(encoded)  # type: ignore[arg-type]

    def _date(self, value: dt.date) -> str:
        encoded = self._dates.get(value)
        if encoded is None:
            encoded = self._dates[value] = f'"{value.isoformat()}"'
        return encoded

    def _goal(self, g: GoalResult) -> str:
        key = (g.level, None if g.services is None else tuple(g.services), g.min, g.by)
        head = self._goals.get(key)
        if head is None:
            full = goal(g)
            head = _dumps({k: full[k] for k in ("level", "services", "min", "by")})[:-1]
            self._goals[key] = head
        return f'{head},"actual":{_opt_num2(g.actual)},"state":"{_WORD[g.state]}"}}'

    def _gap(self, g: Gap) -> str:
        key = (
            g.service,
            g.level,
            g.nominal_level,
            g.knockout,
            g.status,
            g.degree,
            g.expired,
        )
        parts = self._parts.get(key)
        if parts is None:  # everything but the gain repeats across customers
            full = gap(g)
            keys = list(full)
            split = keys.index("gain")
            before = _dumps({k: full[k] for k in keys[:split]})[:-1]
            after = _dumps({k: full[k] for k in keys[split + 1 :]})[1:]
            parts = (before + ',"gain":', "," + after)
            if len(self._parts) < _PARTS_MAX:  # unusual degrees must not grow it without end
                self._parts[key] = parts
        text = f"{parts[0]}{_repr(_floor(g.gain * 100 + _HALF) / 100)}{parts[1]}"  # _num2
        if len(self._held) < _GAPS_MAX:
            self._held.append(g)
            self._gap_texts[id(g)] = text
        return text


def _num2(value: float) -> str:
    """``json.dumps(rounded(value, 2))``, faster, for values >= 0 (percentages, index points):
    json writes a float as its repr, and rounded(value, 2) is this quotient."""
    return _repr(_floor(value * 100 + _HALF) / 100)


_repr = float.__repr__


def _value(value: float | None) -> str:
    """A customer's value as json writes it: a float as its repr."""
    if value is None:
        return "null"
    return _repr(value) if value.__class__ is float and _isfinite(value) else _dumps(value)


def _opt_num2(value: float | None) -> str:
    return "null" if value is None else _num2(value)


def _opt_q(value: str | None) -> str:
    return "null" if value is None else _q(value)


def _dumps(data: Any) -> str:
    return _ENCODER.encode(data)


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=_COMPACT)
_NO_METRICS = (
    '"kpis":null,"metric_goals":[],"cost_delivered":null,"cost_to_green":null,'
    '"margin_after_cost":null'
)
