"""The customer record as scoring sees it, whatever file it came from (YAML or CSV)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from kundenaudit.model.record_file import CustomerFile
from kundenaudit.model.vocabulary import Status


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
    """A lightweight delivery (CSV rows), same fields as record_file.ServiceEntry."""

    status: Status
    degree: float | None = None
    reason: str | None = None
    until: dt.date | None = None
    note: str | None = None
    evidence: str | None = None
    date: dt.date | None = None


@dataclass(frozen=True, slots=True)
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
    def from_file(
        cls, model: CustomerFile, source: str, line: int, segment: str | None = None
    ) -> Record:
        """A record from a validated YAML customer document; ``segment`` is the segment of a
        record that names none (--segment)."""
        c = model.customer
        # bare status words are Status members, which serve as their own deliveries
        return cls(
            c.id,
            c.segment or segment,
            model.services,
            source,
            line,
            c.name,
            c.manager,
            c.value,
            model.audited,
            model.kpis or None,
            model.outcomes or None,
        )
