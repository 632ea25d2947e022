"""The customer record as scoring sees it, whatever file it came from (YAML or CSV)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from kundenaudit.model.vocabulary import Status

if TYPE_CHECKING:  # only the file model's records need it (plain reads do not load pydantic)
    from kundenaudit.model.record_file import CustomerFile


class DeliveryLike(Protocol):
    """What scoring reads of one service's delivery."""

    @property
    def status(self) -> Status: ...
    @property
    def degree(self) -> float | None: ...
    @property
    def reason(self) -> str | None: ...
    @property
    def until(self) -> dt.date | None: ...


@dataclass(frozen=True, slots=True)
class Delivery:
    """A lightweight delivery (CSV rows, bare status words), same fields as
    record_file.ServiceEntry."""

    status: Status
    degree: float | None = None
    reason: str | None = None
    until: dt.date | None = None
    note: str | None = None
    evidence: str | None = None
    date: dt.date | None = None


# A bare status word in a record is this shared delivery (no degree, reason or dates): a
# portfolio has hundreds of thousands of them, and they never change.
BARE: dict[Status, Delivery] = {s: Delivery(s) for s in Status}


def deliveries(services: Mapping[str, Status | DeliveryLike]) -> dict[str, DeliveryLike]:
    """A record's services with every bare status word as its shared delivery."""
    bare = BARE
    return {
        sid: bare[d] if d.__class__ is Status else d  # type: ignore[misc] # a Status here is hashable
        for sid, d in services.items()
    }


@dataclass(frozen=True, slots=True, kw_only=True)
class Record:
    """One customer with its deliveries and where it was read."""

    id: str
    segment: str | None
    services: Mapping[str, DeliveryLike]
    source: str = ""
    line: int = 0
    name: str | None = None
    manager: str | None = None
    value: float | None = None
    audited: dt.date | None = None
    kpis: Mapping[str, float] | None = None  # metric id -> value (SPEC §2.2)
    outcomes: Mapping[str, bool] | None = None  # outcome name -> what happened

    @classmethod
    def from_file(cls, model: CustomerFile, source: str, line: int) -> Record:
        """A record from a validated YAML customer document, with the segment it names (None
        if none: `--segment` is applied by the reader, after the record's checks)."""
        c = model.customer
        return cls(
            id=c.id,
            segment=c.segment,
            services=deliveries(model.services),
            source=source,
            line=line,
            name=c.name,
            manager=c.manager,
            value=c.value,
            audited=model.audited,
            kpis=model.kpis or None,
            outcomes=model.outcomes or None,
        )


class _RecordSlots:
    """`Record`'s layout without its frozen guard: `new_record` fills one in and then makes
    it a `Record` (compatible layouts allow it), for a fraction of the instructions of the
    frozen dataclass's ``__init__`` (one ``object.__setattr__`` call per field)."""

    __slots__ = Record.__slots__


def new_record(
    *,
    id: str,
    segment: str | None,
    services: Mapping[str, DeliveryLike],
    source: str,
    line: int,
    name: str | None,
    manager: str | None,
    value: float | None,
    audited: dt.date | None,
    kpis: Mapping[str, float] | None,
    outcomes: Mapping[str, bool] | None,
) -> Record:
    """The same record as ``Record(...)`` with these fields (all of them given), made
    cheaply: a reader makes one per customer."""
    r: Any = _RecordSlots()  # its fields are those of Record
    r.id = id
    r.segment = segment
    r.services = services
    r.source = source
    r.line = line
    r.name = name
    r.manager = manager
    r.value = value
    r.audited = audited
    r.kpis = kpis
    r.outcomes = outcomes
    r.__class__ = Record
    return r  # type: ignore[no-any-return]


class _DeliverySlots:
    """`Delivery`'s layout without its frozen guard, for `new_delivery` (as `_RecordSlots`)."""

    __slots__ = Delivery.__slots__


def new_delivery(
    status: Status,
    degree: float | None,
    reason: str | None,
    until: dt.date | None,
    note: str | None,
    evidence: str | None,
    date: dt.date | None,
) -> Delivery:
    """The same delivery as ``Delivery(...)`` with these fields, made cheaply: a YAML record
    has one per service entry."""
    d: Any = _DeliverySlots()  # its fields are those of Delivery
    d.status = status
    d.degree = degree
    d.reason = reason
    d.until = until
    d.note = note
    d.evidence = evidence
    d.date = date
    d.__class__ = Delivery
    return d  # type: ignore[no-any-return]
