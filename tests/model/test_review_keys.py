"""The catalog keys for audits over time (SPEC §2.1): `previous_ids` and `review:`."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from kundenaudit.model.catalog_file import CatalogFile
from kundenaudit.score.catalog import check


def catalog(**fields: Any) -> dict[str, Any]:
    base = {
        "kundenaudit": 1,
        "name": "T",
        "segments": [{"id": "a", "name": "A"}],
        "services": [
            {"id": "s", "name": "S", "level": "muss", "action": "x"},
            {"id": "t", "name": "T", "level": "soll", "action": "y"},
        ],
    }
    return {**base, **fields}


def test_review_thresholds_default_to_the_spec_values() -> None:
    cf = CatalogFile.model_validate(catalog())
    assert cf.review.due_within_days == 30
    assert (cf.review.drift.share, cf.review.drift.min_customers) == (80, 10)
    assert cf.services[0].previous_ids == ()


def test_review_thresholds_are_read() -> None:
    cf = CatalogFile.model_validate(
        catalog(review={"due_within_days": 7, "drift": {"share": 90, "min_customers": 3}})
    )
    assert (cf.review.due_within_days, cf.review.drift.share) == (7, 90)
    assert cf.review.drift.min_customers == 3


@pytest.mark.parametrize(
    "review",
    [
        {"due_within_days": -1},
        {"drift": {"share": 101}},
        {"drift": {"min_customers": 0}},
        {"drift": {"share": 80, "customers": 3}},
        {"interval": 3},
    ],
)
def test_bad_review_thresholds_are_errors(review: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        CatalogFile.model_validate(catalog(review=review))


def rules(services: list[Any]) -> list[str]:
    cf = CatalogFile.model_validate(catalog(services=services))
    return [p.rule for p in check(cf, dt.date(2026, 11, 27))]


def test_previous_ids_of_renamed_services_are_fine() -> None:
    services = [
        {"id": "s", "name": "S", "level": "muss", "action": "x", "previous_ids": ["old_s"]},
        {"id": "t", "name": "T", "level": "soll", "action": "y", "previous_ids": ["a1", "a2"]},
    ]
    assert rules(services) == []


def test_a_previous_id_must_not_be_current() -> None:
    services = [
        {"id": "s", "name": "S", "level": "muss", "action": "x", "previous_ids": ["t"]},
        {"id": "t", "name": "T", "level": "soll", "action": "y"},
    ]
    assert rules(services) == ["previous-id-current"]


def test_an_old_id_belongs_to_one_service() -> None:
    services = [
        {"id": "s", "name": "S", "level": "muss", "action": "x", "previous_ids": ["old"]},
        {"id": "t", "name": "T", "level": "soll", "action": "y", "previous_ids": ["old"]},
    ]
    assert rules(services) == ["previous-id-twice"]


def test_previous_ids_are_ids() -> None:
    with pytest.raises(ValidationError):
        CatalogFile.model_validate(
            catalog(services=[{"id": "s", "name": "S", "level": "muss", "previous_ids": ["Alt"]}])
        )
