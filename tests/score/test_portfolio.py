"""Portfolio aggregation worked out by hand on a small portfolio."""

from __future__ import annotations

import datetime as dt

import pytest

from kundenaudit.model.catalog_file import CatalogFile
from kundenaudit.model.record import Delivery, Record
from kundenaudit.model.results import CustomerScore, Portfolio
from kundenaudit.model.vocabulary import Status
from kundenaudit.score.catalog import resolve
from kundenaudit.score.engine import score_customer
from tests.score.sums import aggregate

TODAY = dt.date(2026, 11, 27)
E, T, N = Delivery(Status.ERFUELLT), Delivery(Status.TEILWEISE), Delivery(Status.NICHT_ERFUELLT)
X = Delivery(Status.ENTBEHRLICH, reason="kein Bedarf")

# Segment g1: a (Muss, knock-out), b (Soll), c (Kann); segment g2: a (Muss), b (Soll), c entfaellt.
# Weights 3/2/1, service weights 1: sum(W*w) g1 = 6, g2 = 5.
CATALOG = resolve(
    CatalogFile.model_validate(
        {
            "kundenaudit": 1,
            "name": "Klein",
            "segments": [{"id": "g1", "name": "Eins"}, {"id": "g2", "name": "Zwei"}],
            "services": [
                {"id": "a", "name": "A", "level": "muss", "knockout": True, "action": "x"},
                {"id": "b", "name": "B", "level": "soll", "action": "x"},
                {
                    "id": "c",
                    "name": "C",
                    "level": "kann",
                    "levels": {"g2": "entfaellt"},
                    "action": "x",
                },
            ],
        }
    )
)


def score(cid: str, seg: str, value: float | None, **services: Delivery) -> CustomerScore:
    return score_customer(
        CATALOG, Record(id=cid, segment=seg, services=services, value=value), TODAY
    )


Scored = tuple[list[CustomerScore], Portfolio]


@pytest.fixture
def portfolio() -> Scored:
    scores = [
        # K1 g1: a E, b E, c E -> index 100, gruen, no gaps
        score("K1", "g1", 100.0, a=E, b=E, c=E),
        # K2 g1: a T(0.5) -> knock-out rot; b N; c E. index (1.5 + 0 + 1)/6 = 41.667
        score("K2", "g1", 200.0, a=T, b=N, c=E),
        # K3 g2: a E, b T -> index (3 + 1)/5 = 80; Soll coverage 50 (no Soll goal) -> gruen
        score("K3", "g2", None, a=E, b=T),
        # K4 g2: a N -> Muss 0 -> rot; b E. index 2/5 = 40
        score("K4", "g2", 50.0, a=N, b=E),
        # K5 g1: a E, b exempt, c unmentioned (offen) -> index 3/4 = 75, gruen
        score("K5", "g1", None, a=E, b=X),
    ]
    return scores, aggregate(CATALOG, scores)


def test_status_counts_and_means(portfolio: Scored) -> None:
    scores, p = portfolio
    assert [s.status.value for s in scores] == ["gruen", "rot", "gruen", "rot", "gruen"]
    assert p.customers == 5
    assert p.status == {"rot": 2, "gelb": 0, "gruen": 3}
    # (100 + 41.667 + 80 + 40 + 75) / 5 = 336.667 / 5 = 67.333
    assert p.index_mean == pytest.approx((100 + 250 / 6 + 80 + 40 + 75) / 5)
    # g1: (100 + 41.667 + 75) / 3 = 72.222; g2: (80 + 40) / 2 = 60
    assert p.segments["g1"].customers == 3
    assert p.segments["g1"].index_mean == pytest.approx((100 + 250 / 6 + 75) / 3)
    assert p.segments["g2"].customers == 2
    assert p.segments["g2"].index_mean == pytest.approx(60.0)


def test_top_gaps_with_share_and_value(portfolio: Scored) -> None:
    _, p = portfolio
    # gaps: K2 a, b; K3 b; K4 a; K5 c  -> a: 2 (K2, K4), b: 2 (K2, K3), c: 1 (K5)
    got = [(g.service, g.customers, g.share, g.level, g.value) for g in p.top_gaps]
    assert got == [
        ("a", 2, 40.0, "muss", 250.0),  # values K2 200 + K4 50
        ("b", 2, 40.0, "soll", 200.0),  # K2 200 + K3 (no value)
        ("c", 1, 20.0, "kann", 0.0),  # K5 has no value
    ]


def test_value_at_risk_sums_red_customers(portfolio: Scored) -> None:
    _, p = portfolio
    assert p.value_at_risk == 250.0  # K2 200 + K4 50


def test_heatmap_is_mean_degree_over_customers_it_applies_to(portfolio: Scored) -> None:
    _, p = portfolio
    # g1 a: K1 1, K2 0.5, K5 1 -> 83.33; b: K1 1, K2 0 (K5 exempt) -> 50;
    #    c: K1 1, K2 1, K5 0 -> 66.67
    assert p.heatmap["g1"]["a"] == pytest.approx(250 / 3)
    assert p.heatmap["g1"]["b"] == pytest.approx(50.0)
    assert p.heatmap["g1"]["c"] == pytest.approx(200 / 3)
    # g2 a: K3 1, K4 0 -> 50; b: K3 0.5, K4 1 -> 75; c does not apply -> None
    assert p.heatmap["g2"] == {"a": 50.0, "b": 75.0, "c": None}


def test_no_values_means_no_value_at_risk() -> None:
    s = score("K9", "g1", None, a=N)
    p = aggregate(CATALOG, [s])
    assert p.value_at_risk is None
    assert p.top_gaps[0].value is None


def test_empty_portfolio() -> None:
    p = aggregate(CATALOG, [])
    assert (p.customers, p.index_mean, p.top_gaps, p.value_at_risk) == (0, None, [], None)


def test_every_sort_key_has_an_order() -> None:
    from kundenaudit.model.options import SortKey
    from kundenaudit.render.sections import _SORT_KEYS

    assert set(_SORT_KEYS) == set(SortKey)
