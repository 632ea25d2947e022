"""new_record: the same record as Record(...), made without the frozen dataclass's __init__."""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect

import pytest

from kundenaudit.model.record import BARE, Delivery, Record, new_delivery, new_record
from kundenaudit.model.vocabulary import Status

FIELDS = {
    "id": "K-1",
    "segment": "standard",
    "services": {"l01": BARE[Status.ERFUELLT]},
    "source": "a.csv",
    "line": 7,
    "name": "Firma K-1",
    "manager": "M. Muster",
    "value": 1000.0,
    "audited": dt.date(2026, 3, 1),
    "kpis": {"nps": 42.0},
    "outcomes": {"renewed": True},
}


def test_new_record_takes_every_field_of_record() -> None:
    # a field added to Record must be added to new_record too (else it would stay unset)
    names = [f.name for f in dataclasses.fields(Record)]
    assert list(inspect.signature(new_record).parameters) == names
    assert set(FIELDS) == set(names)


def test_new_record_is_the_record_made_by_its_constructor() -> None:
    made = new_record(**FIELDS)  # type: ignore[arg-type]
    assert type(made) is Record
    assert made == Record(**FIELDS)  # type: ignore[arg-type]
    assert {f.name: getattr(made, f.name) for f in dataclasses.fields(Record)} == FIELDS
    assert repr(made) == repr(Record(**FIELDS))  # type: ignore[arg-type]
    assert made != dataclasses.replace(made, line=8)


def test_new_record_is_frozen() -> None:
    made = new_record(**{**FIELDS, "name": None, "kpis": None})  # type: ignore[arg-type]
    assert made.name is None
    assert made.kpis is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.line = 8  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del made.id


DELIVERY = {
    "status": Status.TEILWEISE,
    "degree": 0.5,
    "reason": "r",
    "until": dt.date(2027, 1, 31),
    "note": "n",
    "evidence": "e",
    "date": dt.date(2026, 10, 1),
}


def test_new_delivery_is_the_delivery_made_by_its_constructor() -> None:
    names = [f.name for f in dataclasses.fields(Delivery)]
    assert list(inspect.signature(new_delivery).parameters) == names == list(DELIVERY)
    made = new_delivery(**DELIVERY)  # type: ignore[arg-type]
    assert type(made) is Delivery
    assert made == Delivery(**DELIVERY)  # type: ignore[arg-type]
    assert {n: getattr(made, n) for n in names} == DELIVERY
    assert made != dataclasses.replace(made, degree=0.25)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.note = "x"  # type: ignore[misc]
