"""A catalog file from its parsed YAML: without the file model when it is plainly valid."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable
from typing import Any, TypeVar

# the record reader's scalar rules (plain numbers, real days, text as pydantic gives it)
from kundenaudit.load import plain_values as pv
from kundenaudit.model.catalog import Metric, Service, Weights
from kundenaudit.model.catalog_mirror import (
    PlainCatalog,
    PlainDrift,
    PlainGoal,
    PlainReview,
    PlainSegment,
)
from kundenaudit.model.limits import FORMAT_VERSION, MAX_VALUE, MAX_WEIGHT
from kundenaudit.model.vocabulary import (
    Better,
    Competition,
    MetricKind,
    PlainYaml11Word,
    parse_level,
)


def _keys(cls: type[Any]) -> frozenset[str]:
    """The keys of a mirror's model: its fields (the model forbids any other)."""
    return frozenset(f.name for f in dataclasses.fields(cls))


_TOP, _WEIGHTS, _GOAL, _SEGMENT = map(_keys, (PlainCatalog, Weights, PlainGoal, PlainSegment))
_SERVICE, _REVIEW, _DRIFT, _METRIC = map(_keys, (Service, PlainReview, PlainDrift, Metric))
# the words pydantic's lax bool reads (tests/load/test_catalog_plain.py checks each)
_BOOLS = {
    **dict.fromkeys(("true", "True", "TRUE", "yes", "on"), True),
    **dict.fromkeys(("false", "False", "FALSE", "no", "off"), False),
}
_E = TypeVar("_E", bound=enum.Enum)


def plain_catalog(data: Any) -> PlainCatalog | None:
    """The mirror of the file model ``data`` (a parsed catalog document) validates to; None
    when ``data`` is not plainly valid, so that the file model reads it and reports it."""
    try:
        return _catalog(data)
    except pv.Decline:
        return None


def _mapping(raw: Any, keys: frozenset[str]) -> dict[str, Any]:
    if raw.__class__ is not dict or not raw.keys() <= keys:
        raise pv.Decline
    return raw


def _given(raw: dict[str, Any], read: Callable[[Any], Any], *names: str) -> dict[str, Any]:
    """The fields among ``names`` that ``raw`` gives, read; the others keep their defaults."""
    return {n: read(raw[n]) for n in names if n in raw}


def _catalog(data: Any) -> PlainCatalog:
    raw = _mapping(data, _TOP)
    if raw.get("kundenaudit") != str(FORMAT_VERSION):
        raise pv.Decline
    fields: dict[str, Any] = {
        **_given(raw, pv.text, "version", "source", "licence"),
        **_given(raw, _language, "language"),
        **_given(raw, lambda v: _int(v, 1), "review_interval_days"),
        **_given(raw, _weights, "weights"),
        **_given(raw, _review, "review"),
        **_given(raw, lambda v: _list(v, _metric, 0), "metrics"),
    }
    return PlainCatalog(
        kundenaudit=FORMAT_VERSION,
        name=_name(raw.get("name")),
        segments=_list(raw.get("segments"), _segment, 1),
        services=_list(raw.get("services"), _service, 1),
        **fields,
    )


def _list(raw: Any, read: Callable[[Any], Any], least: int) -> tuple[Any, ...]:
    if raw.__class__ is not list or len(raw) < least:
        raise pv.Decline
    return tuple(read(item) for item in raw)


def _name(raw: Any) -> str:
    """``Text``: a string of at least one character."""
    text = pv.text(raw)
    if not text:
        raise pv.Decline
    return text


def _id(raw: Any) -> str:
    text = pv.text(raw)
    if text is None or not pv.ID(text):
        raise pv.Decline
    return text


def _word(raw: Any, kind: type[_E]) -> _E:
    if raw.__class__ is not str:
        raise pv.Decline
    for member in kind:
        if member.value == raw:
            return member
    raise pv.Decline


def _language(raw: Any) -> str:
    if raw.__class__ is not str or raw not in ("de", "en"):  # the Literal of the model
        raise pv.Decline
    return str(raw)


def _level(raw: Any, *, allow_entfaellt: bool) -> str:
    if raw.__class__ is not str and raw.__class__ is not PlainYaml11Word:
        raise pv.Decline
    word = parse_level(raw, allow_entfaellt=allow_entfaellt)
    if word is None:
        raise pv.Decline
    return word


def _bool(raw: Any) -> bool:
    if raw.__class__ is not str and raw.__class__ is not PlainYaml11Word:
        raise pv.Decline
    found = _BOOLS.get(raw)
    if found is None:
        raise pv.Decline
    return found


def _int(raw: Any, low: int, high: int | None = None) -> int:
    if raw.__class__ is not str or not pv.NUMBER(raw) or "." in raw:
        raise pv.Decline
    value = int(raw)
    if value < low or (high is not None and value > high):
        raise pv.Decline
    return value


def _positive(raw: Any, high: float) -> float:
    value = pv.number(raw, 0.0, high)
    if not value > 0:
        raise pv.Decline
    return value


def _weights(raw: Any) -> Weights:
    weights = _mapping(raw, _WEIGHTS)
    return Weights(**_given(weights, lambda v: _positive(v, MAX_WEIGHT), *_WEIGHTS))


def _review(raw: Any) -> PlainReview:
    review = _mapping(raw, _REVIEW)
    fields = _given(review, lambda v: _int(v, 0), "due_within_days")
    if "drift" in review:
        drift = _mapping(review["drift"], _DRIFT)
        fields["drift"] = PlainDrift(
            **_given(drift, lambda v: pv.number(v, 0.0, 100.0), "share"),
            **_given(drift, lambda v: _int(v, 1), "min_customers"),
        )
    return PlainReview(**fields)


def _goal(raw: Any) -> PlainGoal:
    goal = _mapping(raw, _GOAL)
    fields: dict[str, Any] = {
        **_given(goal, _optional(lambda v: _level(v, allow_entfaellt=False)), "level"),
        **_given(goal, _optional(lambda v: _list(v, _id, 1)), "services"),
        **_given(goal, _optional(_id), "metric"),
        **_given(goal, _optional(lambda v: pv.number(v, 0.0, 100.0)), "min"),
        **_given(goal, _optional(lambda v: pv.number(v, -MAX_VALUE, MAX_VALUE)), "target"),
        **_given(goal, pv.date, "by"),
    }
    content = [fields.get(n) for n in ("level", "services", "metric")]
    if sum(x is not None for x in content) != 1:
        raise pv.Decline
    return PlainGoal(**fields)


def _optional(read: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda raw: None if raw is None else read(raw)


def _segment(raw: Any) -> PlainSegment:
    seg = _mapping(raw, _SEGMENT)
    return PlainSegment(
        id=_id(seg.get("id")),
        name=_name(seg.get("name")),
        **_given(seg, pv.text, "description"),
        **_given(seg, _optional(_id), "extends"),
        **_given(seg, lambda v: _list(v, _goal, 0), "goals"),
    )


def _service(raw: Any) -> Service:
    svc = _mapping(raw, _SERVICE)
    return Service(
        id=_id(svc.get("id")),
        name=_name(svc.get("name")),
        level=_level(svc.get("level"), allow_entfaellt=True),
        **_given(svc, pv.text, "ref", "category", "description", "action"),
        **_given(svc, _levels, "levels"),
        **_given(svc, lambda v: _positive(v, MAX_WEIGHT), "weight"),
        **_given(svc, _bool, "knockout"),
        **_given(svc, _optional(lambda v: _word(v, Competition)), "competition"),
        **_given(svc, _optional(lambda v: _int(v, 1, 5)), "effort"),
        **_given(svc, pv.date, "reviewed"),
        **_given(svc, lambda v: _list(v, _id, 0), "previous_ids"),
        **_given(svc, _optional(lambda v: pv.number(v, 0.0, MAX_VALUE)), "cost"),
    )


def _levels(raw: Any) -> dict[str, str]:
    if raw.__class__ is not dict:
        raise pv.Decline
    out = {}
    for sid, word in raw.items():
        if sid.__class__ is not str or not pv.ID(sid):
            raise pv.Decline
        out[sid] = _level(word, allow_entfaellt=True)
    return out


def _metric(raw: Any) -> Metric:
    metric = _mapping(raw, _METRIC)
    return Metric(
        id=_id(metric.get("id")),
        name=_name(metric.get("name")),
        kind=_word(metric.get("kind"), MetricKind),
        **_given(metric, pv.text, "unit"),
        **_given(metric, lambda v: _word(v, Better), "better"),
        **_given(metric, _bool, "margin"),
    )
