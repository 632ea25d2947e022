"""The resolved catalog: every segment with its levels and goals, inheritance applied."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kundenaudit.model.catalog_file import CatalogFile, MetricSpec, ServiceSpec, Weights
from kundenaudit.model.vocabulary import Level


@dataclass(frozen=True, kw_only=True)
class Goal:
    """A resolved goal of a segment."""

    level: Level | None
    services: tuple[str, ...] | None
    min: float
    by: dt.date | None
    implicit: bool = False
    # the listed services as a set: a goal over L services tests membership once per service
    members: frozenset[str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "members", frozenset(self.services or ()))


@dataclass(frozen=True)
class MetricGoal:
    """A resolved metric goal of a segment: a target value of a metric per customer."""

    metric: str
    target: float
    by: dt.date | None


@dataclass(frozen=True, kw_only=True)
class Segment:
    """A resolved segment: its level for every service and its goals, inheritance applied."""

    id: str
    name: str
    levels: dict[str, Level | None]  # None = entfaellt
    goals: tuple[Goal, ...]
    metric_goals: tuple[MetricGoal, ...] = ()  # kept apart: they never change the Ampel


@dataclass(frozen=True, eq=False, kw_only=True)  # compared and hashed by identity
class Catalog:
    """A valid catalog with every segment resolved."""

    spec: CatalogFile
    services: dict[str, ServiceSpec]
    segments: dict[str, Segment]

    @property
    def metrics(self) -> dict[str, MetricSpec]:
        """The declared metrics by id."""
        return {m.id: m for m in self.spec.metrics}

    @property
    def weights(self) -> Weights:
        """Level weights of the index."""
        return self.spec.weights

    def level_weight(self, level: Level) -> float:
        """W for ``level``."""
        return float(getattr(self.spec.weights, level.value))
