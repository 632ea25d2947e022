"""The resolved catalog: every segment with its levels and goals, inheritance applied.

Plain dataclasses, no pydantic: scoring with a catalog that is already known to be valid (the
built-in one, from its cache) needs no file model. The file model (``CatalogFile``) stays
reachable as ``Catalog.spec`` for the commands that work on the file itself (diff, review, the
snapshot's copy of the catalog)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kundenaudit.model.vocabulary import Better, Competition, Level, MetricKind

if TYPE_CHECKING:
    from kundenaudit.model.catalog_file import CatalogFile


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


# Service, Metric and Weights have the fields of their file models (``catalog_file``), in the
# same order and with the same defaults as the models fill them (an int where the model's
# default is an int): a catalog file read without its model is made of them directly.


@dataclass(frozen=True, kw_only=True)
class Service:
    """A service of a valid catalog: the fields of ``catalog_file.ServiceSpec``, checked."""

    id: str
    name: str
    ref: str | None = None
    category: str | None = None
    description: str | None = None
    level: str  # its default level word (muss, soll, kann or entfaellt)
    levels: dict[str, str] = field(default_factory=dict)  # segment id -> level word
    weight: float = 1
    knockout: bool = False
    competition: Competition | None = None
    effort: int | None = None
    action: str | None = None
    reviewed: dt.date | None = None
    previous_ids: tuple[str, ...] = ()
    cost: float | None = None


@dataclass(frozen=True, kw_only=True)
class Metric:
    """A metric of a valid catalog: the fields of ``catalog_file.MetricSpec``."""

    id: str
    name: str
    kind: MetricKind
    unit: str | None = None
    better: Better = Better.HIGHER
    margin: bool = False


@dataclass(frozen=True)
class Weights:
    """Level weights W of the index."""

    muss: float = 3
    soll: float = 2
    kann: float = 1


@dataclass(frozen=True, eq=False, kw_only=True)  # compared and hashed by identity
class Catalog:
    """A valid catalog with every segment resolved."""

    name: str
    version: str | None
    source: str | None
    language: str  # "de" or "en"
    weights: Weights
    metrics: dict[str, Metric]  # in file order
    services: dict[str, Service]  # in file order
    segments: dict[str, Segment]
    file: Callable[[], CatalogFile]  # the file model; a cached catalog reads it on first use

    @property
    def spec(self) -> CatalogFile:
        """The catalog's file model."""
        return self.file()

    def level_weight(self, level: Level) -> float:
        """W for ``level``."""
        return float(getattr(self.weights, level.value))
