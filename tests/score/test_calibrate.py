"""calibrate (SPEC §10) on synthetic portfolios with a planted truth (generated, fixed seed)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from kundenaudit.model.calibration import Calibration, Evidence, Flag
from kundenaudit.model.catalog import Catalog
from kundenaudit.model.record import Delivery, Record
from kundenaudit.model.vocabulary import Ampel, Level, Status
from kundenaudit.score.calibrate import Observation, calibrate, greedy_muss, in_fit_half
from kundenaudit.score.catalogs import load_catalog
from kundenaudit.score.stats import newcombe, wilson

DATA = Path(__file__).resolve().parent.parent / "data" / "calibrate"
TODAY = dt.date(2026, 11, 27)
MET, MISSING = Delivery(Status.ERFUELLT), Delivery(Status.NICHT_ERFUELLT)


@pytest.fixture(scope="module")
def cat() -> Catalog:
    return load_catalog(DATA / "catalog.yaml", TODAY)[0]


def portfolio(seed: int = 20261127) -> list[Record]:
    """gross: 4,000 customers, each service missing with probability 1/2; outcome probability
    0.2, doubled when `treiber` is missing, halved when `umgekehrt` is missing, `neutral`
    without effect. klein: 40 customers at 0.1 (about four events: too few)."""
    rng = random.Random(seed)
    out = []
    for i in range(4000):
        services = {sid: MISSING if rng.random() < 0.5 else MET for sid in
                    ("treiber", "neutral", "umgekehrt")}  # fmt: skip
        p = 0.2 * (2 if services["treiber"] is MISSING else 1)
        p *= 0.5 if services["umgekehrt"] is MISSING else 1
        out.append(
            Record(
                id=f"G-{i}",
                segment="gross",
                services=services,
                outcomes={"churn": rng.random() < p},
            )
        )
    for i in range(40):
        services = {sid: MISSING if rng.random() < 0.5 else MET for sid in
                    ("treiber", "neutral", "umgekehrt")}  # fmt: skip
        out.append(
            Record(
                id=f"K-{i}",
                segment="klein",
                services=services,
                outcomes={"churn": rng.random() < 0.1},
            )
        )
    return out


def by_service(result: Calibration, segment: str) -> dict[str, Evidence]:
    return {e.service: e for e in result.segments[segment]}


def test_planted_truth(cat: Catalog) -> None:
    result = calibrate(cat, portfolio(), "churn", TODAY)
    gross = by_service(result, "gross")
    assert (gross["treiber"].suggested, gross["treiber"].flags) == ("muss", ())
    assert gross["treiber"].low is not None and gross["treiber"].low > 0
    assert (gross["neutral"].suggested, gross["neutral"].flags) == ("kann", ())
    assert gross["neutral"].low is not None and gross["neutral"].low < 0 < (
        gross["neutral"].high or 0
    )
    assert gross["umgekehrt"].suggested is Level.KANN  # never Muss
    assert gross["umgekehrt"].flags == (Flag.REVERSE,)
    assert gross["umgekehrt"].high is not None and gross["umgekehrt"].high < 0


def test_a_segment_with_too_few_events_keeps_its_levels(cat: Catalog) -> None:
    result = calibrate(cat, portfolio(), "churn", TODAY)
    klein = by_service(result, "klein")
    for sid, level in (("treiber", "kann"), ("neutral", "muss"), ("umgekehrt", "muss")):
        e = klein[sid]
        assert (e.level, e.suggested, e.flags) == (level, level, (Flag.TOO_FEW_DATA,))
        assert e.events_missing + e.events_delivered < 10 * 2


def test_counts_are_those_of_the_fit_half(cat: Catalog) -> None:
    records = portfolio()
    result = calibrate(cat, records, "churn", TODAY)
    fit = [r for r in records if r.segment == "gross" and in_fit_half(r.id)]
    e = by_service(result, "gross")["treiber"]
    missing = [r for r in fit if r.services["treiber"] is MISSING]
    assert (e.n_missing, e.n_delivered) == (len(missing), len(fit) - len(missing))
    assert e.events_missing == sum(1 for r in missing if r.outcomes and r.outcomes["churn"])
    assert e.rate_missing == pytest.approx(100 * e.events_missing / e.n_missing)
    assert result.fit_customers + result.check_customers == len(records)


def test_the_check_half_separates_under_the_suggested_catalog(cat: Catalog) -> None:
    result = calibrate(cat, portfolio(), "churn", TODAY)
    red, green = result.suggested[Ampel.ROT], result.suggested[Ampel.GRUEN]
    assert red.rate is not None and green.rate is not None
    # planted: missing treiber doubles the rate, so red (treiber missing) ~ twice green
    assert red.rate > 1.6 * green.rate
    # the current catalog makes umgekehrt a knock-out Muss: red there is the *low* rate
    assert (result.current[Ampel.ROT].rate or 0) < (result.current[Ampel.GRUEN].rate or 0) * 1.2


def test_the_hash_split_is_sha256_parity() -> None:
    # test vectors: sha256("hello") ends in 0x24 (even), sha256("abc") in 0xad (odd)
    assert in_fit_half("hello") is True
    assert in_fit_half("abc") is False
    ids = [f"K-{i}" for i in range(2000)]
    fit = [i for i in ids if in_fit_half(i)]
    assert fit == [i for i in ids if in_fit_half(i)]  # the same every time
    assert 900 < len(fit) < 1100  # about half


def test_wilson_and_newcombe_against_the_published_examples() -> None:
    # Newcombe (1998), Statistics in Medicine 17: 873-890, Table II, method 10
    low, high = wilson(81, 263)
    assert (round(low, 4), round(high, 4)) == (0.2553, 0.3662)
    for (e1, n1, e2, n2), expected in [
        ((56, 70, 48, 80), (0.0524, 0.3339)),
        ((9, 10, 3, 10), (0.1705, 0.8090)),
        ((6, 7, 2, 7), (0.0582, 0.8062)),
        ((5, 56, 0, 29), (-0.0381, 0.1926)),
    ]:
        _, lo, hi = newcombe(e1, n1, e2, n2)
        assert (round(lo, 4), round(hi, 4)) == expected


def test_greedy_stops_when_reach_minus_noise_stops_rising() -> None:
    # events miss a or b; the others miss b or c: a alone gives 1/2 - 0 = 0.5 (reach: half of
    # the events, noise: none); adding b gives 1 - 1/2 = 0.5: no rise, so b is not chosen
    obs = [
        Observation(True, frozenset({"a"}), frozenset()),
        Observation(True, frozenset({"b"}), frozenset()),
        Observation(False, frozenset({"b"}), frozenset()),
        Observation(False, frozenset({"c"}), frozenset()),
    ]
    assert greedy_muss(obs, ["a", "b", "c"]) == ["a"]
    assert greedy_muss(obs[:2], ["a"]) == []  # no customer without the outcome: nothing


def test_no_record_with_the_outcome_is_a_usage_error(cat: Catalog) -> None:
    from kundenaudit.model.errors import UsageError

    records = [Record(id="A", segment="gross", services={}, outcomes={"kuendigung": True})]
    with pytest.raises(UsageError, match=r"no record has the outcome 'churn'.*kuendigung"):
        calibrate(cat, records, "churn", TODAY)
