"""Result types of `diff` (SPEC §9): their field names are the JSON's (schema `diff`)."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import Annotated

from kundenaudit.model.described import STRICT, Description
from kundenaudit.model.vocabulary import Ampel


class Cause(str, enum.Enum):
    """What made a change: the catalog or the delivery."""

    CATALOG = "catalog"
    DELIVERY = "delivery"


class ChangeKind(str, enum.Enum):
    """What changed for one customer and service (or the customer itself)."""

    ADDED = "added"
    REMOVED = "removed"
    LEVEL_UP = "level_up"
    LEVEL_DOWN = "level_down"
    WEIGHT = "weight"
    KNOCKOUT_ON = "knockout_on"
    KNOCKOUT_OFF = "knockout_off"
    IMPROVED = "improved"
    WORSENED = "worsened"
    ASSESSED = "assessed"
    EXEMPTED = "exempted"
    EXEMPTION_EXPIRED = "exemption_expired"
    NEW = "new"
    GONE = "gone"
    SEGMENT_MOVED = "segment_moved"


# every kind has one cause: the registry the tests check for completeness
KIND_CAUSE: dict[ChangeKind, Cause] = {
    **dict.fromkeys(
        (
            ChangeKind.ADDED,
            ChangeKind.REMOVED,
            ChangeKind.LEVEL_UP,
            ChangeKind.LEVEL_DOWN,
            ChangeKind.WEIGHT,
            ChangeKind.KNOCKOUT_ON,
            ChangeKind.KNOCKOUT_OFF,
        ),
        Cause.CATALOG,
    ),
    **dict.fromkeys(
        (
            ChangeKind.IMPROVED,
            ChangeKind.WORSENED,
            ChangeKind.ASSESSED,
            ChangeKind.EXEMPTED,
            ChangeKind.EXEMPTION_EXPIRED,
            ChangeKind.NEW,
            ChangeKind.GONE,
            ChangeKind.SEGMENT_MOVED,
        ),
        Cause.DELIVERY,
    ),
}


class CustomerChange(str, enum.Enum):
    """How a customer differs between the two audits."""

    CHANGED = "changed"
    UNCHANGED = "unchanged"
    NEW = "new"
    GONE = "gone"


@dataclass(slots=True, kw_only=True)
class Change:
    """One changed service (or segment) of a customer, with its effect on the index."""

    __pydantic_config__ = STRICT

    service: Annotated[str | None, Description("Service id (new id); null for the customer.")]
    kind: ChangeKind
    cause: Cause
    old: Annotated[str | float | bool | None, Description("Level, weight, status, ...")]
    new: Annotated[str | float | bool | None, Description("The same, in the new audit.")]
    effect: Annotated[
        float | None,
        Description("Index points of this change alone, averaged over the other side."),
    ]


@dataclass(slots=True)
class Side:
    """A customer's Ampel and index in one audit."""

    __pydantic_config__ = STRICT

    status: Ampel
    index: float | None


@dataclass(slots=True)
class Counterfactual:
    """The Ampel with the old catalog (and new delivery), and with the old delivery."""

    __pydantic_config__ = STRICT

    old_catalog: Ampel | None
    old_delivery: Ampel | None


@dataclass(slots=True, kw_only=True)
class CustomerDiff:
    """One customer's change, split into catalog and delivery parts."""

    __pydantic_config__ = STRICT

    id: str
    change: CustomerChange
    old: Side | None
    new: Side | None
    delta: Annotated[float | None, Description("New index minus old index.")]
    catalog: Annotated[float | None, Description("The part the catalog change caused.")]
    delivery: Annotated[float | None, Description("The part the delivery change caused.")]
    counterfactual: Counterfactual | None
    changes: list[Change]


@dataclass(slots=True)
class ServiceChanges:
    """A service and how many customer changes concern it."""

    __pydantic_config__ = STRICT

    service: str
    changes: int


@dataclass(slots=True, kw_only=True)
class ValueAtRisk:
    """Summed value of red customers, old and new, the change split like the index's."""

    __pydantic_config__ = STRICT

    old: float
    new: float
    catalog: float
    delivery: float


@dataclass(slots=True, kw_only=True)
class DiffPortfolio:
    """The change over all customers."""

    __pydantic_config__ = STRICT

    transitions: Annotated[
        dict[Ampel, dict[Ampel, int]],
        Description("Old Ampel -> new Ampel -> customers (every pair, zero included)."),
    ]
    value_at_risk: ValueAtRisk
    improved_by_catalog_only: list[str]
    most_changed: Annotated[
        list[ServiceChanges], Description("The services with the most changes.")
    ] = field(default_factory=list)


@dataclass(slots=True)
class CatalogRef:
    """The catalog an audit was scored with."""

    __pydantic_config__ = STRICT

    name: str
    sha256: Annotated[str | None, Description("SHA-256 of the catalog file.")]


@dataclass(slots=True)
class AuditInfo:
    """Which audit a side of the diff is."""

    __pydantic_config__ = STRICT

    today: dt.date
    catalog: CatalogRef


@dataclass(slots=True, kw_only=True)
class Diff:
    """Everything `diff` found."""

    __pydantic_config__ = STRICT

    old: AuditInfo
    new: AuditInfo
    customers: list[CustomerDiff]
    portfolio: DiffPortfolio


@dataclass(slots=True)
class DiffDocument:
    """The JSON document of `diff --format json`."""

    __pydantic_config__ = STRICT

    kundenaudit: int
    diff: Diff
