"""Metric goals and service costs (SPEC §3.1); every expected number worked out by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kundenaudit.load.inputs import gather
from kundenaudit.model.catalog import MetricGoal
from kundenaudit.model.catalog_file import CatalogFile
from kundenaudit.model.record import Delivery, Record
from kundenaudit.model.results import CustomerScore
from kundenaudit.model.vocabulary import Ampel, Better, GoalState, Level, Status
from kundenaudit.score.catalog import resolve
from kundenaudit.score.catalogs import load_catalog
from kundenaudit.score.engine import score_customer
from kundenaudit.score.metrics import goal_state
from tests.score.sums import aggregate

DATA = Path(__file__).resolve().parent.parent / "data" / "metrics"
AUDIT = dt.date(2026, 11, 20)
LATER, EARLIER = dt.date(2027, 6, 30), dt.date(2026, 6, 30)
H, L = Better.HIGHER, Better.LOWER
E, LA, V, U, NO = (
    GoalState.ERREICHT,
    GoalState.LAEUFT,
    GoalState.VERFEHLT,
    GoalState.UEBERFAELLIG,
    GoalState.OHNE_WERT,
)

STATES = [
    # better, target, by, actual, state
    (H, 100, None, 120, E),  # above the target
    (H, 100, None, 100, E),  # at the target counts as met
    (H, 100, None, 99.5, V),  # below, standing goal
    (H, 100, LATER, 99.5, LA),  # below, deadline after the audit
    (H, 100, EARLIER, 99.5, U),  # below, deadline passed
    (H, 100, AUDIT, 99.5, U),  # a deadline on the audit date has passed (as for coverage)
    (H, 100, EARLIER, 150, E),  # met before an old deadline is met
    (L, 2, None, 1.5, E),  # lower is better: below the target
    (L, 2, None, 2, E),
    (L, 2, None, 2.5, V),
    (L, 2, LATER, 2.5, LA),
    (L, 2, EARLIER, 2.5, U),
    (H, 100, None, None, NO),  # no value: ohne_wert, with or without a deadline
    (H, 100, LATER, None, NO),
    (L, 2, EARLIER, None, NO),
    (H, -5, None, -4, E),  # negative targets (a loss to stay above)
]


@pytest.mark.parametrize(("better", "target", "by", "actual", "state"), STATES)
def test_metric_goal_states(
    better: Better, target: float, by: dt.date | None, actual: float | None, state: GoalState
) -> None:
    assert goal_state(MetricGoal("m", target, by), better, actual, AUDIT) is state


def scored() -> dict[str, CustomerScore]:
    cat, _ = load_catalog(DATA / "catalog.yaml", AUDIT)
    records = gather([str(DATA / "kunden.yaml")], cat, None, None).records
    return {r.id: score_customer(cat, r, AUDIT) for r in records}


def test_goals_are_inherited_and_replaced() -> None:
    cat, _ = load_catalog(DATA / "catalog.yaml", AUDIT)
    assert cat.segments["standard"].metric_goals == (
        MetricGoal("deckungsbeitrag", 10000, None),
        MetricGoal("zufriedenheit", 4.0, LATER),
    )
    # schluessel replaces deckungsbeitrag (keeping its place), inherits zufriedenheit, adds one
    assert cat.segments["schluessel"].metric_goals == (
        MetricGoal("deckungsbeitrag", 50000, EARLIER),
        MetricGoal("zufriedenheit", 4.0, LATER),
        MetricGoal("reklamationsquote", 2, None),
    )
    # metric goals are no coverage goals: the segment's coverage goals are the Muss goal only
    assert [g.level for g in cat.segments["schluessel"].goals] == [Level.MUSS]


def test_scorecard_states_and_the_ampel_is_unchanged() -> None:
    s = scored()
    k1, k2 = s["K-1"], s["K-2"]
    assert [(g.metric, g.actual, g.state) for g in k1.metric_goals] == [
        ("deckungsbeitrag", 60000, E),
        ("zufriedenheit", 3.5, LA),
        ("reklamationsquote", None, NO),
    ]
    assert [(g.metric, g.actual, g.state) for g in k2.metric_goals] == [
        ("deckungsbeitrag", 8000, V),
        ("zufriedenheit", 4.5, E),
    ]
    # K-2 misses a metric goal but delivers everything it owes: green
    assert (k1.status, k2.status) == (Ampel.ROT, Ampel.GRUEN)


def test_costs_by_hand() -> None:
    s = scored()
    k1, k2 = s["K-1"], s["K-2"]
    # K-1: 500*1 + 1200*0.5 + 300*0 (portal has no cost) = 1100; next steps [wartung]
    assert k1.next_steps == ["wartung"]
    assert (k1.cost_delivered, k1.cost_to_green) == (1100, 600)  # 1200 * (1 - 0.5)
    assert k1.margin_after_cost == 58900  # 60000 - 1100
    # K-2: 500 + 1200 + 300 = 2000, green: nothing to close
    assert (k2.cost_delivered, k2.cost_to_green, k2.margin_after_cost) == (2000, 0, 6000)


def test_cost_to_green_is_the_sum_over_the_next_steps() -> None:
    cat, _ = load_catalog(DATA / "catalog.yaml", AUDIT)
    cost = {s.id: s.cost or 0.0 for s in cat.spec.services}
    missing = Delivery(Status.NICHT_ERFUELLT)
    for services in (
        {"reklamation": missing},  # knock-out and Muss: reklamation, wartung (offen)
        {"reklamation": Delivery(Status.TEILWEISE, degree=0.25), "wartung": missing},
        {"reklamation": Delivery(Status.ERFUELLT), "wartung": Delivery(Status.ERFUELLT)},
    ):
        rec = Record(id="K", segment="schluessel", services=services, audited=AUDIT)
        s = score_customer(cat, rec, AUDIT)
        degree = {g.service: g.degree for g in s.gaps}
        assert s.cost_to_green == pytest.approx(
            sum(cost[sid] * (1 - degree[sid]) for sid in s.next_steps)
        )
    # the first case by hand: both Muss services missing in full: 500 + 1200
    first = score_customer(
        cat, Record(id="K", segment="schluessel", services={"reklamation": missing}), AUDIT
    )
    assert (first.next_steps, first.cost_to_green) == (["reklamation", "wartung"], 1700)


def test_exempt_services_cost_nothing() -> None:
    cat, _ = load_catalog(DATA / "catalog.yaml", AUDIT)
    exempt = Delivery(Status.ENTBEHRLICH, reason="kein Bedarf")
    rec = Record(
        id="K",
        segment="standard",
        services={"reklamation": Delivery(Status.ERFUELLT), "wartung": exempt},
    )
    s = score_customer(cat, rec, AUDIT)
    # reklamation 500*1, wartung left out, marktinfo offen 300*0
    assert s.cost_delivered == 500
    assert s.margin_after_cost is None  # no kpis: no margin


def test_portfolio_metrics_and_cost_to_green_of_red_customers() -> None:
    cat, _ = load_catalog(DATA / "catalog.yaml", AUDIT)
    p = aggregate(cat, list(scored().values()))
    schluessel, standard = p.metrics["schluessel"], p.metrics["standard"]
    assert list(schluessel) == ["deckungsbeitrag", "zufriedenheit"]  # no value: no row
    d = schluessel["deckungsbeitrag"]
    assert (d.customers, d.mean, d.sum, d.target, d.meeting) == (1, 60000, 60000, 50000, 100)
    z = schluessel["zufriedenheit"]
    assert (z.customers, z.mean, z.target, z.meeting) == (1, 3.5, 4.0, 0)  # laeuft: not met
    assert (standard["deckungsbeitrag"].meeting, standard["zufriedenheit"].meeting) == (0, 100)
    assert p.cost_to_green_red == 600  # K-1 only; K-2 is green
    assert p.value_at_risk == 100000


def test_catalog_without_metrics_or_costs_leaves_the_fields_empty() -> None:
    cf = CatalogFile.model_validate(
        {
            "kundenaudit": 1,
            "name": "K",
            "segments": [{"id": "a", "name": "A"}],
            "services": [{"id": "s", "name": "S", "level": "muss"}],
        }
    )
    rec = Record(id="K", segment="a", services={}, kpis={"umsatz": 5.0})
    s = score_customer(resolve(cf), rec, AUDIT)
    assert (s.metric_goals, s.cost_delivered, s.cost_to_green, s.margin_after_cost) == (
        [],
        None,
        None,
        None,
    )
    assert s.kpis == {"umsatz": 5.0}  # values are carried even without goals
