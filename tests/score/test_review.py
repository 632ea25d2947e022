"""`review`'s rules (SPEC §8) on hand-made catalogs and records: dates, drift, history."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kundenaudit.model.catalog import Catalog
from kundenaudit.model.catalog_file import CatalogFile
from kundenaudit.model.errors import Finding, Severity
from kundenaudit.model.record import Delivery, Record
from kundenaudit.model.review_rules import REVIEW_RULES, ReviewRule
from kundenaudit.model.vocabulary import Status
from kundenaudit.score.catalog import resolve
from kundenaudit.score.review import ReviewInput, review


def catalog(interval: int = 365, **service: Any) -> Catalog:
    svc = {"id": "s", "name": "S", "level": "soll", "action": "a", "reviewed": "2026-01-01"}
    return resolve(
        CatalogFile.model_validate(
            {
                "kundenaudit": 1,
                "name": "T",
                "review_interval_days": interval,
                "segments": [{"id": "g", "name": "G"}, {"id": "h", "name": "H"}],
                "services": [{**svc, **service}],
            }
        )
    )


def nowhere(loc: tuple[Any, ...]) -> tuple[str, int, int]:
    return "c.yaml", 1, 1


def run(
    cat: Catalog,
    today: str,
    records: list[Record] | None = None,
    history: list[list[Record]] | None = None,
) -> list[Finding]:
    inp = ReviewInput(
        catalog=cat,
        locate=nowhere,
        records=records or [],
        history=history or [],
        today=dt.date.fromisoformat(today),
    )
    return review(inp)


def rules(found: list[Finding]) -> list[str]:
    return [f.rule for f in found]


def test_every_rule_has_a_severity_and_description() -> None:
    assert set(REVIEW_RULES) == set(ReviewRule)
    assert all(info.summary.endswith(".") for info in REVIEW_RULES.values())


# --- review dates: due = reviewed + review_interval_days -------------------------------------

DATES = [
    # reviewed, interval, today, expected rule, evidence "days" (due - today)
    ("2026-01-01", 365, "2027-01-01", "review-due", 0),  # due today: not yet overdue
    ("2026-01-01", 365, "2026-12-31", "review-due", 1),  # due tomorrow
    ("2026-01-01", 365, "2027-01-02", "review-overdue", -1),  # overdue by one day
    ("2026-01-01", 365, "2026-12-02", "review-due", 30),  # exactly due_within_days ahead
    ("2026-01-01", 365, "2026-12-01", None, None),  # 31 days ahead: nothing yet
    ("2028-02-29", 365, "2029-02-28", "review-due", 0),  # leap day + 365 days = 2029-02-28
    ("2028-02-29", 365, "2029-03-01", "review-overdue", -1),
    ("2028-02-28", 1, "2028-02-29", "review-due", 0),  # due on the leap day itself
    ("2028-02-28", 1, "2028-03-01", "review-overdue", -1),
]


@pytest.mark.parametrize(("reviewed", "interval", "today", "rule", "days"), DATES)
def test_review_dates(
    reviewed: str, interval: int, today: str, rule: str | None, days: int | None
) -> None:
    found = run(catalog(interval, reviewed=reviewed), today)
    assert rules(found) == ([rule] if rule else [])
    if rule:
        assert dict(found[0].evidence)["days"] == days
        assert found[0].severity is (Severity.WARNING if days and days < 0 else Severity.NOTE)


def test_a_service_without_review_date() -> None:
    found = run(catalog(reviewed=None), "2026-11-27")
    assert rules(found) == ["review-missing"]
    assert found[0].message == "'s' has no 'reviewed' date"


# --- exemptions and audits ----------------------------------------------------------------------


def rec(
    cid: str, audited: str | None = "2026-11-20", segment: str = "g", **services: Any
) -> Record:
    return Record(
        id=cid,
        segment=segment,
        services=services,
        source="r.yaml",
        line=3,
        audited=dt.date.fromisoformat(audited) if audited else None,
    )


def exempt(until: str | None) -> Delivery:
    return Delivery(
        Status.ENTBEHRLICH, reason="r", until=dt.date.fromisoformat(until) if until else None
    )


@pytest.mark.parametrize(
    ("until", "rule"),
    [
        ("2026-11-26", "exemption-expired"),  # valid through the day before today
        ("2026-11-27", "exemption-expiring"),  # valid through today
        ("2026-12-27", "exemption-expiring"),  # today + 30 days
        ("2026-12-28", None),  # today + 31 days
        (None, "exemption-open"),
    ],
)
def test_exemptions(until: str | None, rule: str | None) -> None:
    found = run(catalog(reviewed="2026-06-01"), "2026-11-27", [rec("K-1", s=exempt(until))])
    assert rules(found) == ([rule] if rule else [])
    if rule:
        assert found[0].key == "g\0s\0K-1"
        assert (found[0].file, found[0].line) == ("r.yaml", 3)


def test_an_exemption_where_the_service_does_not_apply_is_ignored() -> None:
    cat = catalog(reviewed="2026-06-01", levels={"h": "entfaellt"})
    assert run(cat, "2026-11-27", [rec("K-1", segment="h", s=exempt(None))]) == []


@pytest.mark.parametrize(
    ("audited", "stale"),
    [("2025-11-27", False), ("2025-11-26", True), (None, False)],  # 365 days old is not stale
)
def test_stale_audits(audited: str | None, stale: bool) -> None:
    found = run(catalog(reviewed="2026-06-01"), "2026-11-27", [rec("K-1", audited)])
    assert rules(found) == (["audit-stale"] if stale else [])


# --- competition ----------------------------------------------------------------------------


def test_competition_mismatches() -> None:
    standard = catalog(
        reviewed="2026-06-01", level="muss", levels={"h": "soll"}, competition="standard"
    )
    [f] = run(standard, "2026-11-27")
    assert (f.rule, f.key) == ("competition-mismatch", "\0s\0")
    assert "not Muss in h" in f.message
    none_on_muss = catalog(reviewed="2026-06-01", level="muss", competition="none")
    assert rules(run(none_on_muss, "2026-11-27")) == ["competition-mismatch"]
    fine = catalog(reviewed="2026-06-01", level="muss", competition="standard")
    assert run(fine, "2026-11-27") == []


# --- drift ----------------------------------------------------------------------------------


def segment_records(n: int, delivered: int, prefix: str = "K") -> list[Record]:
    """``n`` customers of segment g, the first ``delivered`` of them with s erfuellt."""
    return [
        rec(
            f"{prefix}-{i}", s=Delivery(Status.ERFUELLT if i < delivered else Status.NICHT_ERFUELLT)
        )
        for i in range(n)
    ]


@pytest.mark.parametrize(
    ("n", "delivered", "drift"),
    [
        (100, 79, False),  # 79 % < 80 %
        (100, 80, True),  # exactly the threshold
        (100, 81, True),
        (9, 9, False),  # 100 % of 9 customers: fewer than min_customers 10
        (10, 10, True),
        (10, 8, True),  # 8/10 = 80 %
        (10, 7, False),
    ],
)
def test_drift_thresholds(n: int, delivered: int, drift: bool) -> None:
    found = run(catalog(reviewed="2026-06-01"), "2026-11-27", segment_records(n, delivered))
    assert rules(found) == (["drift-muss"] if drift else [])
    if drift:
        ev = dict(found[0].evidence)
        assert (ev["n"], ev["delivered"], ev["share"]) == (n, delivered, 100 * delivered / n)
        assert found[0].key == "g\0s\0"


def test_exempted_customers_leave_the_denominator() -> None:
    # 8 delivered, 2 not, 1 exempted: 8/10 = 80 % of 10 applicable customers
    records = [*segment_records(10, 8), rec("X", s=exempt(None))]
    found = [
        f
        for f in run(catalog(reviewed="2026-06-01"), "2026-11-27", records)
        if f.rule == "drift-muss"
    ]
    assert dict(found[0].evidence)["n"] == 10


@pytest.mark.parametrize(
    ("history", "drift"),
    [
        ([], True),
        ([(10, 9)], True),  # one earlier audit: it must show the drift too
        ([(10, 7)], False),
        ([(10, 7), (10, 9)], False),  # two earlier audits: both must
        ([(10, 9), (10, 8)], True),
        ([(10, 2), (10, 9), (10, 8)], True),  # only the last two count
        ([(10, 9), (9, 9)], False),  # nine customers in the latest earlier audit
    ],
)
def test_drift_with_history(history: list[tuple[int, int]], drift: bool) -> None:
    past = [segment_records(n, k, prefix=f"H{i}") for i, (n, k) in enumerate(history)]
    found = run(catalog(reviewed="2026-06-01"), "2026-11-27", segment_records(10, 10), past)
    assert rules(found) == (["drift-muss"] if drift else [])


def test_drift_kann_on_a_differentiator() -> None:
    cat = catalog(reviewed="2026-06-01", level="kann", competition="none")
    # 6 of 10 = 60 %: most customers, below the 80 % of a de-facto Muss
    assert rules(run(cat, "2026-11-27", segment_records(10, 6))) == ["drift-kann"]
    assert rules(run(cat, "2026-11-27", segment_records(10, 5))) == []  # half is not most
    assert rules(run(cat, "2026-11-27", segment_records(10, 9))) == ["drift-muss", "drift-kann"]


def test_a_muss_and_a_competition_standard_service_never_drift() -> None:
    muss = catalog(reviewed="2026-06-01", level="muss")
    assert run(muss, "2026-11-27", segment_records(10, 10)) == []
    standard = catalog(reviewed="2026-06-01", level="soll", competition="standard")
    assert rules(run(standard, "2026-11-27", segment_records(10, 10))) == ["competition-mismatch"]


def test_drift_evidence_carries_outcome_rates() -> None:
    # 10 customers, 9 with s erfuellt; churn: 1 of the 9 with it (11.11 %), the one without
    # it churned (100 %)
    records = [
        Record(
            id=f"K-{i}",
            segment="g",
            services={"s": Delivery(Status.ERFUELLT if i < 9 else Status.NICHT_ERFUELLT)},
            source="r.yaml",
            line=1,
            audited=dt.date(2026, 11, 20),
            outcomes={"churn": i in (0, 9)},
        )
        for i in range(10)
    ]
    [f] = run(catalog(reviewed="2026-06-01"), "2026-11-27", records)
    assert dict(f.evidence)["outcomes"] == {"churn": {"with": 11.11, "without": 100.0}}
    assert f.message.endswith("; churn: 11.1 % with it, 100.0 % without")
