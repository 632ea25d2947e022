"""Compact JSON lines of scorecards, byte for byte what json.dumps gives, several times faster."""

from __future__ import annotations

import datetime as dt
import json
from json.encoder import encode_basestring as _q  # the C encoder of json.dumps
from math import floor as _floor
from typing import Any, TypeVar

from kundenaudit.model.results import CustomerScore, Gap, GoalResult
from kundenaudit.model.vocabulary import Ampel, GoalState
from kundenaudit.render.json_data import gap, goal, metric_fields
from kundenaudit.score.rules import EPSILON, rounded

_COMPACT = (",", ":")
_HALF = 0.5 + EPSILON * 100.0  # rules.rounded(value, 2), inlined for values >= 0
_WORD: dict[Ampel | GoalState, str] = {m: m.value for m in (*Ampel, *GoalState)}  # .value is slow
# Every store of a writer is bounded: when full it is emptied and fills again with what comes
# next, so a long run keeps what its recent customers need and its memory stays flat.
STORE_MAX = 4_096  # entries per store: at most ~1.5 MB for the gap parts, ~0.4 MB for the others
# gap texts kept by the gap object (hashed by identity: the engine shares gaps between
# customers and keeps 32,768 of them; the store holds its gaps): ~0.5 KB each, 8 MB at most
KNOWN_MAX = 16_384
_GoalKey = tuple[str | None, tuple[str, ...] | None, float, dt.date | None]
_PartsKey = tuple[str, str, str, bool, str, float, bool]
_K = TypeVar("_K")
_T = TypeVar("_T")


class CompactWriter:
    """One customer per compact line, byte for byte what ``json.dumps(customer(s))`` gives with
    compact separators, but several times faster: what comes from the catalog (a gap's text but
    its gain, a goal's definition, service ids, words, dates) is encoded once and reused, and so
    are the numbers that recur (gains, coverages); per customer only the rest is formatted.
    A writer serves one catalog: a gap's name, competition, effort and action are those of its
    service id."""

    def __init__(self) -> None:
        # a gap's text before its gain (with the comma before the gap) and after it, by
        # (service, level, nominal level, knock-out, status, degree, expired)
        self._parts: dict[_PartsKey, tuple[str, str]] = {}
        self._known: dict[Gap, str] = {}  # a gap object's whole text (gaps hash by identity)
        self._gains: dict[float, str] = {}  # json.dumps(rounded(gain, 2)) by gain
        self._pcts: dict[float | None, str] = {None: "null"}  # the same for percentages
        self._texts: dict[object, str] = {None: "null"}  # ids, words and dates, encoded
        self._goals: dict[_GoalKey, str] = {}  # a goal's text up to its actual
        self._coverage: dict[tuple[str, ...], str] = {}  # '"muss":%s,...' by keys
        self._counts: dict[tuple[str, ...], str] = {}  # '"erfuellt":%d,...' by keys

    def customer(self, s: CustomerScore, before: str = "", after: str = "") -> str:
        """The customer's object as one line, between ``before`` and ``after``."""
        text = self._texts.__getitem__
        join = ",".join
        knockouts, next_steps, differentiators = s.knockouts, s.next_steps, s.differentiators
        expired, exempt = s.expired, s.exempt
        try:
            segment = text(s.segment)
            audited = text(s.audited)
            segment_name = text(s.segment_name)
            knockouts_text = join(map(text, knockouts)) if knockouts else ""
            next_text = join(map(text, next_steps)) if next_steps else ""
            differentiators_text = join(map(text, differentiators)) if differentiators else ""
            expired_text = join(map(text, expired)) if expired else ""
            exempt_text = join(map(text, exempt)) if exempt else ""
        except KeyError:  # a text not met before: encode this customer's texts, then again
            self._learn(s)
            return self.customer(s, before, after)
        pct = self._pcts.get
        cov, counts = s.coverage, s.counts
        values = tuple(map(pct, cov.values()))
        if None in values:
            values = tuple([pct(v) or self._pct(v) for v in cov.values()])
        levels: tuple[str, ...] = tuple(cov)
        coverage = (self._coverage.get(levels) or _template(self._coverage, levels, "%s")) % values
        statuses: tuple[str, ...] = tuple(counts)
        counts_text = (
            self._counts.get(statuses) or _template(self._counts, statuses, "%d")
        ) % tuple(counts.values())
        goals = ""
        if s.goals:
            heads = self._goals.get
            goal_texts = []
            for g in s.goals:
                services = g.services
                head = heads(
                    (g.level, None if services is None else tuple(services), g.min, g.by)
                ) or self._goal(g)
                actual = g.actual
                goal_texts.append(
                    f'{head}{pct(actual) or self._pct(actual)},"state":"{_WORD[g.state]}"}}'
                )
            goals = join(goal_texts)
        gaps = self._gaps(s.gaps) if s.gaps else ""
        index, value, name, manager = s.index, s.value, s.name, s.manager
        index_text = "null" if index is None else _num2(index)
        return (
            f'{before}{{"id":{_q(s.id)},"name":{"null" if name is None else _q(name)},'
            f'"segment":{segment},"audited":{audited},"status":"{_WORD[s.status]}",'
            f'"index":{index_text},"coverage":{{{coverage}}},"counts":{{{counts_text}}},'
            f'"knockouts":[{knockouts_text}],"goals":[{goals}],"gaps":[{gaps}],'
            f'"next_steps":[{next_text}],"differentiators":[{differentiators_text}],'
            f'"expired":[{expired_text}],"exempt":[{exempt_text}],"segment_name":{segment_name},'
            f'"manager":{"null" if manager is None else _q(manager)},'
            f'"value":{_value(value)},{_metrics(s)}}}{after}'
        )

    def _gaps(self, gaps: list[Gap]) -> str:
        """The gaps' objects, comma-separated: a gap object met before is its text again (looked
        up in C, by identity), any other its stored parts around its gain."""
        texts = list(map(self._known.get, gaps))
        try:
            return "".join(texts)[1:]  # type: ignore[arg-type] # None where a gap is new
        except TypeError:
            pass
        parts = self._parts.get
        gains = self._gains.get
        known = self._known
        for i, g in enumerate(gaps):
            if texts[i] is None:
                head, tail = parts(
                    (g.service, g.level, g.nominal_level, g.knockout, g.status, g.degree, g.expired)
                ) or self._gap_parts(g)
                gain = g.gain
                text = f"{head}{gains(gain) or self._gain(gain)}{tail}"
                if len(known) >= KNOWN_MAX:
                    known.clear()
                texts[i] = known[g] = text
        return "".join(texts)[1:]  # type: ignore[arg-type] # every one is a text now

    def _gap_parts(self, g: Gap) -> tuple[str, str]:
        full = gap(g)
        keys = list(full)
        split = keys.index("gain")
        head = _dumps({k: full[k] for k in keys[:split]})[:-1]
        tail = _dumps({k: full[k] for k in keys[split + 1 :]})[1:]
        parts = (f',{head},"gain":', f",{tail}")
        key = (g.service, g.level, g.nominal_level, g.knockout, g.status, g.degree, g.expired)
        return _keep(self._parts, key, parts)

    def _gain(self, value: float) -> str:
        return _keep(self._gains, value, _num2(value))

    def _pct(self, value: float | None) -> str:
        if value is None:
            return "null"
        if len(self._pcts) >= STORE_MAX:
            self._pcts.clear()
            self._pcts[None] = "null"
        return _keep(self._pcts, value, _num2(value))

    def _learn(self, s: CustomerScore) -> None:
        """Encode the texts of ``s`` that repeat across customers (ids, words, dates)."""
        new: dict[object, str] = {None: "null", s.audited: f'"{s.audited.isoformat()}"'}
        for value in (s.segment, s.segment_name, *s.knockouts, *s.next_steps, *s.differentiators):
            if value is not None:
                new[value] = _q(value)
        for value in (*s.expired, *s.exempt):
            new[value] = _q(value)
        if len(self._texts) + len(new) > STORE_MAX:
            self._texts.clear()
        self._texts.update(new)  # all of them: customer() then finds every one

    def _goal(self, g: GoalResult) -> str:
        full = goal(g)
        head = _dumps({k: full[k] for k in ("level", "services", "min", "by")})[:-1]
        key = (g.level, None if g.services is None else tuple(g.services), g.min, g.by)
        return _keep(self._goals, key, f'{head},"actual":')


def _keep(store: dict[_K, _T], key: _K, text: _T) -> _T:
    """``text``, kept as ``key``'s in ``store`` (emptied first when full)."""
    if len(store) >= STORE_MAX:
        store.clear()
    store[key] = text
    return text


def _template(store: dict[tuple[str, ...], str], keys: tuple[str, ...], placeholder: str) -> str:
    """``"key":%s,...`` for a dict's keys, made once per set of keys."""
    template = ",".join(f"{_q(k).replace('%', '%%')}:{placeholder}" for k in keys)
    return _keep(store, keys, template)


def _metrics(s: CustomerScore) -> str:
    """The metric and cost fields; the same few bytes for every customer without them."""
    if (
        s.kpis is None
        and not s.metric_goals
        and s.cost_delivered is None
        and s.cost_to_green is None
        and s.margin_after_cost is None
    ):
        return _NO_METRICS
    return _dumps(metric_fields(s))[1:-1]


def _num2(value: float) -> str:
    """``json.dumps(rounded(value, 2))``, faster for values >= 0 (percentages, index points,
    gains): json writes a float as its repr, and rounded(value, 2) is this quotient."""
    if value >= 0:
        return _repr(_floor(value * 100 + _HALF) / 100)
    return _repr(rounded(value, 2))


_repr = float.__repr__


def _value(value: float | None) -> str:
    """A customer's value as json writes it: a float as its repr."""
    if value is None:
        return "null"
    if value.__class__ is float and value - value == 0.0:  # finite: inf - inf is nan
        return _repr(value)
    return _dumps(value)


def _dumps(data: Any) -> str:
    return _ENCODER.encode(data)


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=_COMPACT)
_NO_METRICS = (
    '"kpis":null,"metric_goals":[],"cost_delivered":null,"cost_to_green":null,'
    '"margin_after_cost":null'
)
