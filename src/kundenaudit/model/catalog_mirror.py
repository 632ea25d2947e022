"""Plain mirrors of the catalog file models, for a catalog file read without pydantic.

Each class has the attribute names, types and defaults of its model in ``catalog_file`` (a
default as the model fills it: an int where the model's default is an int), so the catalog
checks, the lint and the resolution run unchanged on either (``CatalogSpec``). Services, metrics
and weights are the resolved catalog's own classes (``model.catalog``), which have those too."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from kundenaudit.model.catalog import Metric, Service, Weights
from kundenaudit.model.vocabulary import Competition


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
class PlainCatalog:
    """``catalog_file.CatalogFile``."""

    kundenaudit: int
    name: str
    version: str | None = None
    source: str | None = None
    licence: str | None = None
    language: str = "de"
    review_interval_days: int = 365
    weights: Weights = field(default_factory=Weights)
    segments: tuple[PlainSegment, ...]
    services: tuple[Service, ...]
    review: PlainReview = field(default_factory=PlainReview)
    metrics: tuple[Metric, ...] = ()


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
        """A service: ``ServiceSpec`` or ``catalog.Service`` (resolve copies every field)."""

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
        """A metric: ``MetricSpec`` or ``catalog.Metric`` (resolve copies every field)."""

        @property
        def id(self) -> str: ...
        @property
        def margin(self) -> bool: ...

    class AnyWeights(Protocol):
        """Level weights: ``catalog_file.Weights`` or ``catalog.Weights``."""

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
