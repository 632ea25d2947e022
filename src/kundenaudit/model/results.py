"""Result types of scoring (SPEC §6); plain dataclasses so large portfolios stay cheap.

They are read-only by convention but not frozen: a frozen dataclass sets every field through
object.__setattr__, which made creating the 10^5 gaps of a large portfolio six times slower.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated

from kundenaudit.model.described import STRICT, Description
from kundenaudit.model.vocabulary import Ampel, Competition, GoalState, Level, Status

RESULT_VERSION = 1  # the `kundenaudit` field of the JSON result


@dataclass(slots=True, kw_only=True)
class GoalResult:
    """One goal of the customer's segment and its state at the audit date."""

    __pydantic_config__ = STRICT

    level: Annotated[Level | None, Description("Level measured, or null.")]
    services: Annotated[list[str] | None, Description("Services measured, or null.")]
    min: Annotated[float, Description("Target coverage in percent.")]
    by: Annotated[dt.date | None, Description("Deadline, null for a standing goal.")]
    actual: Annotated[float | None, Description("Measured coverage in percent.")]
    state: Annotated[GoalState, Description("erreicht | laeuft | verfehlt | ueberfaellig.")]


@dataclass(slots=True, kw_only=True)
class MetricGoalResult:
    """One metric goal of the customer's segment: the customer's value against the target."""

    __pydantic_config__ = STRICT

    metric: Annotated[str, Description("Metric id from the catalog.")]
    target: Annotated[float, Description("Target value per customer.")]
    by: Annotated[dt.date | None, Description("Deadline, null for a standing goal.")]
    actual: Annotated[float | None, Description("The record's value (kpis), or null.")]
    state: Annotated[
        GoalState,
        Description("erreicht | laeuft | verfehlt | ueberfaellig | ohne_wert (no value)."),
    ]


# compared and hashed by identity: the engine shares one gap object between customers, and
# writers key what they made of it by the object itself (the docstring is the schema's text)
@dataclass(slots=True, eq=False)
class Gap:
    """An applicable service that is not fully delivered."""

    __pydantic_config__ = STRICT

    service: str
    name: str
    ref: Annotated[str | None, Description("The service's id in an outside source.")]
    level: Annotated[Level, Description("Effective level (Muss when competition is standard).")]
    nominal_level: Annotated[Level, Description("Level in the segment per the catalog.")]
    competition: Competition | None
    knockout: Annotated[bool, Description("A knock-out in this segment (effective Muss).")]
    status: Status
    degree: float
    gain: Annotated[float, Description("Index points gained by fulfilling it.")]
    effort: int | None
    action: str | None
    expired: Annotated[bool, Description("An exemption whose 'until' has passed.")] = False


@dataclass(slots=True, kw_only=True)
class CustomerScore:
    """The scorecard of one customer."""

    __pydantic_config__ = STRICT

    id: str
    name: str | None
    segment: str
    audited: dt.date
    status: Annotated[Ampel, Description("rot | gelb | gruen.")]
    index: Annotated[float | None, Description("0..100, null with nothing applicable.")]
    coverage: Annotated[dict[Level, float | None], Description("Per level, in percent.")]
    counts: Annotated[dict[Status, int], Description("Services per status in the segment.")]
    knockouts: Annotated[list[str], Description("Knock-out services not fully met.")]
    goals: list[GoalResult]
    gaps: list[Gap]
    next_steps: Annotated[list[str], Description("Fewest gaps to close to turn green.")]
    differentiators: Annotated[list[str], Description("Met services no competitor offers.")]
    expired: Annotated[list[str], Description("Services whose exemption expired.")] = field(
        default_factory=list
    )
    exempt: Annotated[
        list[str], Description("Services exempted (entbehrlich) for this customer.")
    ] = field(default_factory=list)
    segment_name: str | None = None
    manager: str | None = None
    value: float | None = None
    kpis: Annotated[
        dict[str, float] | None, Description("The record's metric values, or null.")
    ] = None
    metric_goals: Annotated[
        list[MetricGoalResult], Description("Metric goals; they never change the Ampel.")
    ] = field(default_factory=list)
    cost_delivered: Annotated[
        float | None, Description("sum(cost * degree) over the applicable services.")
    ] = None
    cost_to_green: Annotated[
        float | None, Description("sum(cost * (1 - degree)) over the next steps.")
    ] = None
    margin_after_cost: Annotated[
        float | None, Description("The margin metric's value minus cost_delivered.")
    ] = None


@dataclass(slots=True)
class SegmentSummary:
    """Customers of one segment."""

    __pydantic_config__ = STRICT

    customers: int
    index_mean: float | None


@dataclass(slots=True, kw_only=True)
class MetricSummary:
    """One metric over the customers of one segment."""

    __pydantic_config__ = STRICT

    customers: Annotated[int, Description("Customers with a value.")]
    mean: float | None
    sum: float | None
    target: Annotated[float | None, Description("The segment's target, null without.")]
    meeting: Annotated[
        float | None,
        Description("Percent of the customers with a value that meet the target."),
    ]


@dataclass(slots=True, kw_only=True)
class TopGap:
    """A service missing at many customers."""

    __pydantic_config__ = STRICT

    service: str
    customers: int
    share: Annotated[float, Description("Percent of all scored customers that have this gap.")]
    name: str | None = None
    level: Level | None = None
    value: Annotated[float | None, Description("Summed value of affected customers.")] = None


@dataclass(slots=True, kw_only=True)
class Portfolio:
    """Aggregates over every scored customer."""

    __pydantic_config__ = STRICT

    customers: int
    status: Annotated[dict[Ampel, int], Description("Customers per Ampel.")]
    index_mean: float | None
    segments: dict[str, SegmentSummary]
    top_gaps: list[TopGap]
    heatmap: Annotated[
        dict[str, dict[str, float | None]],
        Description("Segment -> service -> percent of customers with it fulfilled."),
    ] = field(default_factory=dict)
    value_at_risk: Annotated[float | None, Description("Summed value of red customers.")] = None
    metrics: Annotated[
        dict[str, dict[str, MetricSummary]],
        Description("Segment -> metric -> the values of its customers."),
    ] = field(default_factory=dict)
    cost_to_green_red: Annotated[
        float | None, Description("Summed cost_to_green of red customers.")
    ] = None


@dataclass(slots=True)
class CatalogInfo:
    """Which catalog was used."""

    __pydantic_config__ = STRICT

    name: str
    source: str | None
    version: str | None = None


@dataclass(slots=True, kw_only=True)
class ResultDocument:
    """The JSON result of `score`."""

    __pydantic_config__ = STRICT

    kundenaudit: int
    catalog: CatalogInfo
    today: dt.date
    customers: list[CustomerScore]
    portfolio: Portfolio


@dataclass(slots=True)
class ResultSummary:
    """The last line of the JSON Lines result (`score --format jsonl`): the JSON result
    without its customers, who come one per line before it."""

    __pydantic_config__ = STRICT

    kundenaudit: int
    catalog: CatalogInfo
    today: dt.date
    portfolio: Portfolio


ResultLine = CustomerScore | ResultSummary  # a line of the JSON Lines result
