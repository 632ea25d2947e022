"""A customer record from its parsed YAML: without the file model when it is plainly valid."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from kundenaudit.load.documents import customer_from_doc
from kundenaudit.load.yaml_document import Document
from kundenaudit.model.errors import FindingSink
from kundenaudit.model.limits import FORMAT_VERSION, ID_PATTERN, MAX_VALUE
from kundenaudit.model.record import BARE, DeliveryLike, Record, new_delivery, new_record
from kundenaudit.model.vocabulary import (
    OUTCOME_FALSE,
    OUTCOME_TRUE,
    PlainYaml11Word,
    Status,
    parse_status,
)


class _Decline(Exception):
    """Not plainly valid: the file model reads the document, and reports what is wrong."""


_TOP = frozenset({"kundenaudit", "customer", "audited", "services", "kpis", "outcomes"})
_CUSTOMER = frozenset({"id", "name", "segment", "manager", "value"})
_ENTRY = frozenset({"status", "degree", "reason", "until", "note", "evidence", "date"})
_VERSION = str(FORMAT_VERSION)
# Numbers and dates only as plainly written. The file model reads more forms (" 5", "05",
# "1_000", "1e3", a date with a midnight time); those, where its reading and Python's could
# part, go to it. Python's float() and pydantic's both round correctly, so these agree.
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]{0,15})(?:\.[0-9]{1,17})?").fullmatch
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}").fullmatch
_ID = re.compile(ID_PATTERN).fullmatch  # fullmatch: no newline after the id either


def customer_record(doc: Document, sink: FindingSink) -> Record | None:
    """A customer record with the segment its file names, or None with its problems in
    ``sink``: read without the file model when it is plainly valid, else by the file model."""
    record = plain_record(doc.data, sink.file, doc.line)
    if record is not None:
        return record
    model = customer_from_doc(doc, sink)
    return None if model is None else Record.from_file(model, sink.file, doc.line)


def plain_record(data: Any, source: str, line: int) -> Record | None:
    """The record the file model gives for ``data`` (a parsed customer document), with the
    segment its file names (None if none); None when ``data`` is not plainly valid, so that
    the file model reads it and reports every problem as it always has."""
    try:
        return _record(data, source, line)
    except _Decline:
        return None


def _record(data: Any, source: str, line: int) -> Record:
    if data.__class__ is not dict or not data.keys() <= _TOP:
        raise _Decline
    customer = data.get("customer")
    if data.get("kundenaudit") != _VERSION or customer.__class__ is not dict:
        raise _Decline
    if not customer.keys() <= _CUSTOMER:
        raise _Decline
    cid = _text(customer.get("id"))
    # pydantic strips Unicode white space (a subset of what str.strip strips) and then wants
    # one character: an id that has any to strip is left to it
    if not cid or cid.strip() != cid:
        raise _Decline
    segment = _text(customer.get("segment"))
    if segment is not None and not _ID(segment):
        raise _Decline
    value = customer.get("value")
    return new_record(
        id=cid,
        segment=segment,
        services=_services(data.get("services", {})),
        source=source,
        line=line,
        name=_text(customer.get("name")),
        manager=_text(customer.get("manager")),
        value=None if value is None else _number(value, 0.0, MAX_VALUE),
        audited=_date(data.get("audited")),
        kpis=_kpis(data.get("kpis", {})),
        outcomes=_outcomes(data.get("outcomes", {})),
    )


def _text(raw: Any) -> str | None:
    if raw is None or raw.__class__ is str:
        return raw
    if raw.__class__ is PlainYaml11Word:
        return str(raw)  # pydantic gives a plain str for a str subclass
    raise _Decline


def _number(raw: Any, low: float, high: float) -> float:
    if raw.__class__ is not str or not _NUMBER(raw):
        raise _Decline
    value = float(raw)
    if not low <= value <= high:
        raise _Decline
    return value


def _date(raw: Any) -> dt.date | None:
    if raw is None:
        return None
    if raw.__class__ is not str or not _DATE(raw):
        raise _Decline
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:  # no such day (2026-02-30, year 0)
        raise _Decline from None


def _services(raw: Any) -> dict[str, DeliveryLike]:
    if raw.__class__ is not dict:
        raise _Decline
    out: dict[str, DeliveryLike] = {}
    for sid, value in raw.items():
        if sid.__class__ is not str:
            raise _Decline
        if value.__class__ is str:
            status = parse_status(value)
            # a bare entbehrlich lacks its reason; PlainYaml11Word words are no status
            if status is None or status is Status.ENTBEHRLICH:
                raise _Decline
            out[sid] = BARE[status]
        elif value.__class__ is dict:
            out[sid] = _entry(value)
        else:
            raise _Decline
    return out


_NO_DETAILS = (None,) * 6


def _entry(raw: dict[str, Any]) -> DeliveryLike:
    word = raw.get("status")
    status = parse_status(word) if isinstance(word, str) else None
    if status is None or not raw.keys() <= _ENTRY:
        raise _Decline
    degree = raw.get("degree")
    if degree is not None:
        degree = _number(degree, 0.0, 1.0)
        if status is not Status.TEILWEISE or not 0.0 < degree < 1.0:
            raise _Decline
    reason = _text(raw.get("reason"))
    if status is Status.ENTBEHRLICH and not (reason or "").strip():
        raise _Decline
    details = (
        degree,
        reason,
        _date(raw.get("until")),
        _text(raw.get("note")),
        _text(raw.get("evidence")),
        _date(raw.get("date")),
    )
    if details == _NO_DETAILS:  # an entry that says no more than its status
        return BARE[status]
    return new_delivery(status, *details)


def _kpis(raw: Any) -> dict[str, float] | None:
    if raw.__class__ is not dict:
        raise _Decline
    out = {}
    for mid, value in raw.items():
        if mid.__class__ is not str or not _ID(mid):
            raise _Decline
        out[mid] = _number(value, -MAX_VALUE, MAX_VALUE)
    return out or None


def _outcomes(raw: Any) -> dict[str, bool] | None:
    if raw.__class__ is not dict:
        raise _Decline
    out = {}
    for name, value in raw.items():
        # an unquoted yes/no (PlainYaml11Word) is refused by the file model
        if name.__class__ is not str or not _ID(name) or value.__class__ is not str:
            raise _Decline
        word = value.strip().lower()
        if word in OUTCOME_TRUE:
            out[name] = True
        elif word in OUTCOME_FALSE:
            out[name] = False
        else:
            raise _Decline
    return out or None
