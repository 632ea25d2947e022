"""A customer record from its parsed YAML: without the file model when it is plainly valid."""

from __future__ import annotations

from typing import Any

from kundenaudit.load import plain_values as pv
from kundenaudit.load.documents import customer_from_doc
from kundenaudit.load.yaml_document import Document
from kundenaudit.model.errors import FindingSink
from kundenaudit.model.limits import FORMAT_VERSION, MAX_VALUE
from kundenaudit.model.record import BARE, DeliveryLike, Record, new_delivery, new_record
from kundenaudit.model.vocabulary import (
    OUTCOME_FALSE,
    OUTCOME_TRUE,
    Status,
    parse_status,
)

_TOP = frozenset({"kundenaudit", "customer", "audited", "services", "kpis", "outcomes"})
_CUSTOMER = frozenset({"id", "name", "segment", "manager", "value"})
_ENTRY = frozenset({"status", "degree", "reason", "until", "note", "evidence", "date"})
_VERSION = str(FORMAT_VERSION)


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
    except pv.Decline:
        return None


def _record(data: Any, source: str, line: int) -> Record:
    if data.__class__ is not dict or not data.keys() <= _TOP:
        raise pv.Decline
    customer = data.get("customer")
    if data.get("kundenaudit") != _VERSION or customer.__class__ is not dict:
        raise pv.Decline
    if not customer.keys() <= _CUSTOMER:
        raise pv.Decline
    cid = pv.text(customer.get("id"))
    # pydantic strips Unicode white space (a subset of what str.strip strips) and then wants
    # one character: an id that has any to strip is left to it
    if not cid or cid.strip() != cid:
        raise pv.Decline
    segment = pv.text(customer.get("segment"))
    if segment is not None and not pv.ID(segment):
        raise pv.Decline
    value = customer.get("value")
    return new_record(
        id=cid,
        segment=segment,
        services=_services(data.get("services", {})),
        source=source,
        line=line,
        name=pv.text(customer.get("name")),
        manager=pv.text(customer.get("manager")),
        value=None if value is None else pv.number(value, 0.0, MAX_VALUE),
        audited=pv.date(data.get("audited")),
        kpis=_kpis(data.get("kpis", {})),
        outcomes=_outcomes(data.get("outcomes", {})),
    )


def _services(raw: Any) -> dict[str, DeliveryLike]:
    if raw.__class__ is not dict:
        raise pv.Decline
    out: dict[str, DeliveryLike] = {}
    for sid, value in raw.items():
        if sid.__class__ is not str:
            raise pv.Decline
        if value.__class__ is str:
            status = parse_status(value)
            # a bare entbehrlich lacks its reason; PlainYaml11Word words are no status
            if status is None or status is Status.ENTBEHRLICH:
                raise pv.Decline
            out[sid] = BARE[status]
        elif value.__class__ is dict:
            out[sid] = _entry(value)
        else:
            raise pv.Decline
    return out


_NO_DETAILS = (None,) * 6


def _entry(raw: dict[str, Any]) -> DeliveryLike:
    word = raw.get("status")
    status = parse_status(word) if isinstance(word, str) else None
    if status is None or not raw.keys() <= _ENTRY:
        raise pv.Decline
    degree = raw.get("degree")
    if degree is not None:
        degree = pv.number(degree, 0.0, 1.0)
        if status is not Status.TEILWEISE or not 0.0 < degree < 1.0:
            raise pv.Decline
    reason = pv.text(raw.get("reason"))
    if status is Status.ENTBEHRLICH and not (reason or "").strip():
        raise pv.Decline
    details = (
        degree,
        reason,
        pv.date(raw.get("until")),
        pv.text(raw.get("note")),
        pv.text(raw.get("evidence")),
        pv.date(raw.get("date")),
    )
    if details == _NO_DETAILS:  # an entry that says no more than its status
        return BARE[status]
    return new_delivery(status, *details)


def _kpis(raw: Any) -> dict[str, float] | None:
    if raw.__class__ is not dict:
        raise pv.Decline
    out = {}
    for mid, value in raw.items():
        if mid.__class__ is not str or not pv.ID(mid):
            raise pv.Decline
        out[mid] = pv.number(value, -MAX_VALUE, MAX_VALUE)
    return out or None


def _outcomes(raw: Any) -> dict[str, bool] | None:
    if raw.__class__ is not dict:
        raise pv.Decline
    out = {}
    for name, value in raw.items():
        # an unquoted yes/no (PlainYaml11Word) is refused by the file model
        if name.__class__ is not str or not pv.ID(name) or value.__class__ is not str:
            raise pv.Decline
        word = value.strip().lower()
        if word in OUTCOME_TRUE:
            out[name] = True
        elif word in OUTCOME_FALSE:
            out[name] = False
        else:
            raise pv.Decline
    return out or None
