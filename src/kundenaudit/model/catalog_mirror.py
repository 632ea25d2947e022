"""Plain mirrors of the catalog file models, for a catalog file read without pydantic.

Each class has the attribute names, types and defaults of its model in ``catalog_file`` (a
default as the model fills it: an int where the model's default is an int), so the catalog
checks, the lint and the resolution run unchanged on either (``CatalogSpec``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from kundenaudit.model.vocabulary import Better, Competition, MetricKind


@dataclass(frozen=True, kw_only=True)
class PlainWeights:
    """``catalog_file.Weights``."""

    muss: float = 3
    soll: float = 2
    kann: float = 1


@dataclass(frozen=True, kw_only=True)
class PlainGoal:
    """``catalog_file.GoalSpec``."""

    level: str | None = None
    services: tuple[str, ...] | None = None
    metric: str | None = None
    min: float | None = None
    target: float | None = None
    by: dt.date | None = None


@dataclass(frozen=True, kw_only=True)
class PlainSegment:
    """``catalog_file.SegmentSpec``."""

    id: str
    name: str
    description: str | None = None
    extends: str | None = None
    goals: tuple[PlainGoal, ...] = ()


@dataclass(frozen=True, kw_only=True)
class PlainService:
    """``catalog_file.ServiceSpec``."""

    id: str
    name: str
    ref: str | None = None
    category: str | None = None
    description: str | None = None
    level: str
    levels: dict[str, str] = field(default_factory=dict)
    weight: float = 1
    knockout: bool = False
    competition: Competition | None = None
    effort: int | None = None
    action: str | None = None
    reviewed: dt.date | None = None
    previous_ids: tuple[str, ...] = ()
    cost: float | None = None


@dataclass(frozen=True, kw_only=True)
class PlainDrift:
    """``catalog_file.DriftSpec``."""

    share: float = 80
    min_customers: int = 10


@dataclass(frozen=True, kw_only=True)
class PlainReview:
    """``catalog_file.ReviewSpec``."""

    due_within_days: int = 30
    drift: PlainDrift = field(default_factory=PlainDrift)


@dataclass(frozen=True, kw_only=True)
class PlainMetric:
    """``catalog_file.MetricSpec``."""

    id: str
    name: str
    kind: MetricKind
    unit: str | None = None
    better: Better = Better.HIGHER
    margin: bool = False


@dataclass(frozen=True, kw_only=True)
class PlainCatalog:
    """``catalog_file.CatalogFile``."""

    kundenaudit: int
    name: str
    version: str | None = None
    source: str | None = None
    licence: str | None = None
    language: str = "de"
    review_interval_days: int = 365
    weights: PlainWeights = field(default_factory=PlainWeights)
    segments: tuple[PlainSegment, ...]
    services: tuple[PlainService, ...]
    review: PlainReview = field(default_factory=PlainReview)
    metrics: tuple[PlainMetric, ...] = ()


# What the catalog checks, the lint and the resolution read, which the file models and their
# mirrors both have (read-only: a tuple of models is a Sequence of these); for the type checker
# only, so that no run pays for the protocol classes.
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    class AnyGoal(Protocol):
        """A goal: ``GoalSpec`` or ``PlainGoal``."""

        @property
        def level(self) -> str | None: ...
        @property
        def services(self) -> tuple[str, ...] | None: ...
        @property
        def metric(self) -> str | None: ...
        @property
        def min(self) -> float | None: ...
        @property
        def target(self) -> float | None: ...
        @property
        def by(self) -> dt.date | None: ...

    class AnySegment(Protocol):
        """A segment: ``SegmentSpec`` or ``PlainSegment``."""

        @property
        def id(self) -> str: ...
        @property
        def name(self) -> str: ...
        @property
        def extends(self) -> str | None: ...
        @property
        def goals(self) -> Sequence[AnyGoal]: ...

    class AnyService(Protocol):
        """A service: ``ServiceSpec`` or ``PlainService`` (resolve copies every field)."""

        @property
        def id(self) -> str: ...
        @property
        def level(self) -> str: ...
        @property
        def levels(self) -> Mapping[str, str]: ...
        @property
        def knockout(self) -> bool: ...
        @property
        def competition(self) -> Competition | None: ...
        @property
        def action(self) -> str | None: ...
        @property
        def reviewed(self) -> dt.date | None: ...
        @property
        def previous_ids(self) -> tuple[str, ...]: ...

    class AnyMetric(Protocol):
        """A metric: ``MetricSpec`` or ``PlainMetric`` (resolve copies every field)."""

        @property
        def id(self) -> str: ...
        @property
        def margin(self) -> bool: ...

    class AnyWeights(Protocol):
        """Level weights: ``Weights`` or ``PlainWeights``."""

        @property
        def muss(self) -> float: ...
        @property
        def soll(self) -> float: ...
        @property
        def kann(self) -> float: ...

    class CatalogSpec(Protocol):
        """A catalog: ``CatalogFile`` or ``PlainCatalog``."""

        @property
        def name(self) -> str: ...
        @property
        def version(self) -> str | None: ...
        @property
        def source(self) -> str | None: ...
        @property
        def language(self) -> str: ...
        @property
        def weights(self) -> AnyWeights: ...
        @property
        def segments(self) -> Sequence[AnySegment]: ...
        @property
        def services(self) -> Sequence[AnyService]: ...
        @property
        def metrics(self) -> Sequence[AnyMetric]: ...
