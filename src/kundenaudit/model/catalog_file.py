"""The catalog file (SPEC §2.1): segments, services, goals and weights."""

# No `from __future__ import annotations`: the field types are evaluated with the class, so
# pydantic does not compile each from a string when it first builds the schema.

import datetime as dt
from typing import Literal

from pydantic import (
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from kundenaudit.model.fields import (
    FormatVersion,
    Id,
    LevelOrNone,
    LevelWord,
    Model,
    Text,
    check_version,
)
from kundenaudit.model.limits import MAX_VALUE, MAX_WEIGHT
from kundenaudit.model.vocabulary import (
    Better,
    Competition,
    MetricKind,
)


class Weights(Model):
    """Level weights for the index."""

    muss: float = Field(3, gt=0, le=MAX_WEIGHT, description="Weight of Muss services in the index.")
    soll: float = Field(2, gt=0, le=MAX_WEIGHT, description="Weight of Soll services in the index.")
    kann: float = Field(1, gt=0, le=MAX_WEIGHT, description="Weight of Kann services in the index.")


class GoalSpec(Model):
    """A goal: content (a level, a list of services or a metric) x extent x time (by).

    Coverage goals (level, services) have ``min``, metric goals ``target``; which goes with
    which is checked with the catalog (score.metrics), so each mistake is located at its key.
    """

    model_config = ConfigDict(
        json_schema_extra={
            "oneOf": [
                {"required": ["level", "min"]},
                {"required": ["services", "min"]},
                {"required": ["metric", "target"]},
            ]
        }
    )

    level: LevelWord | None = Field(None, description="The level whose coverage is measured.")
    services: tuple[Id, ...] | None = Field(
        None, min_length=1, description="Services whose weighted coverage is measured."
    )
    metric: Id | None = Field(None, description="The metric whose value is measured.")
    min: float | None = Field(
        None, ge=0, le=100, description="Target coverage in percent (0..100), for coverage goals."
    )
    target: float | None = Field(
        None,
        ge=-MAX_VALUE,
        le=MAX_VALUE,
        description="Target value of the metric per customer, for metric goals.",
    )
    by: dt.date | None = Field(None, description="Deadline; without it the goal is standing.")

    @model_validator(mode="after")
    def _one_content(self) -> "GoalSpec":
        if sum(x is not None for x in (self.level, self.services, self.metric)) != 1:
            raise PydanticCustomError(
                "goal_content",
                "a goal names exactly one of 'level', a list of 'services', or a 'metric'",
            )
        return self


class SegmentSpec(Model):
    """A customer segment with its own expectations."""

    id: Id
    name: Text = Field(description="Display name of the segment.")
    description: str | None = Field(None, description="Free text.")
    extends: Id | None = Field(None, description="Segment whose levels and goals are inherited.")
    goals: tuple[GoalSpec, ...] = Field((), description="Goals of this segment.")


class ServiceSpec(Model):
    """A sales or after-sales service (Leistung) the supplier may owe."""

    id: Id
    name: Text = Field(description="Display name.")
    ref: str | None = Field(None, description="Id in an outside source, shown beside the id.")
    category: str | None = Field(None, description="Free text, for grouping.")
    description: str | None = Field(None, description="Free text.")
    level: LevelOrNone = Field(description="Default level in every segment.")
    levels: dict[Id, LevelOrNone] = Field(
        default_factory=dict, description="Per-segment level overrides (segment id -> level)."
    )
    weight: float = Field(
        1, gt=0, le=MAX_WEIGHT, description="Weight within its level (> 0, at most 1,000,000)."
    )
    knockout: bool = Field(
        False, description="An unmet knock-out makes the customer red (only where Muss)."
    )
    competition: Competition | None = Field(
        None, description="How competitors offer it: standard (scored as Muss), some, none."
    )
    effort: int | None = Field(None, ge=1, le=5, description="1 (cheap) .. 5 (expensive).")
    action: str | None = Field(None, description="What to do to close the gap.")
    reviewed: dt.date | None = Field(None, description="When its level was last reviewed.")
    previous_ids: tuple[Id, ...] = Field(
        (), description="Ids this service had in earlier catalogs (diff matches them)."
    )
    cost: float | None = Field(
        None,
        ge=0,
        le=MAX_VALUE,
        description="Yearly cost of delivering it to one customer (>= 0).",
    )


class DriftSpec(Model):
    """When a Soll or Kann delivered to most customers counts as a de-facto Muss."""

    share: float = Field(
        80, ge=0, le=100, description="Percent of applicable customers it is delivered to."
    )
    min_customers: int = Field(
        10, ge=1, description="Applicable customers of a segment needed before it counts."
    )


class ReviewSpec(Model):
    """Thresholds of `review`."""

    due_within_days: int = Field(
        30, ge=0, description="Reviews and exemptions due within this many days are reported."
    )
    drift: DriftSpec = Field(default_factory=DriftSpec, description="De-facto Muss detection.")


class MetricSpec(Model):
    """An economic or psychographic measure of a customer, given per record in `kpis`."""

    id: Id
    name: Text = Field(description="Display name.")
    kind: MetricKind = Field(description="oekonomisch | psychografisch.")
    unit: str | None = Field(None, description="Free text, shown beside values (EUR, 1-5, ...).")
    better: Better = Field(Better.HIGHER, description="higher (default) | lower.")
    margin: bool = Field(
        False,
        description="The customer's margin before service cost: the scorecard shows it "
        "after the cost of the delivered services.",
    )


class CatalogFile(Model):
    """A catalog: which services count as Muss, Soll or Kann in which segment."""

    kundenaudit: FormatVersion
    name: Text = Field(description="Name of the catalog.")
    version: str | None = Field(None, description="The catalog's own version.")
    source: str | None = Field(None, description="Where the classification comes from.")
    licence: str | None = Field(None, description="Licence of the catalog's content.")
    language: Literal["de", "en"] = Field("de", description="Default output language.")
    review_interval_days: int = Field(
        365, gt=0, description="Days after which a classification is due for review."
    )
    weights: Weights = Field(default_factory=Weights, description="Level weights for the index.")
    segments: tuple[SegmentSpec, ...] = Field(min_length=1, description="Customer segments.")
    services: tuple[ServiceSpec, ...] = Field(min_length=1, description="Services.")
    review: ReviewSpec = Field(default_factory=ReviewSpec, description="Thresholds of `review`.")
    metrics: tuple[MetricSpec, ...] = Field(
        (), description="Economic and psychographic measures records may carry in `kpis`."
    )

    _version = field_validator("kundenaudit")(check_version)
