"""Result of `calibrate` (SPEC §10): evidence per segment and service, and the held-out check."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from kundenaudit.model.vocabulary import Ampel, Level


class Flag(str, enum.Enum):
    """Why a suggestion is not what the evidence alone would say."""

    REVERSE = "reverse"  # missing it goes with *fewer* outcomes: never Muss
    TOO_FEW_DATA = "too_few_data"  # a group has fewer events than --min-events: level kept


class Reason(str, enum.Enum):
    """How the suggested level was reached (shown in the human formats)."""

    CHOSEN = "chosen"  # above 0 and chosen by the greedy reach - noise rule: Muss
    ABOVE = "above"  # above 0, not chosen: Soll
    INCLUDES_ZERO = "includes_zero"  # the interval includes 0: Kann
    BELOW = "below"  # the interval lies below 0: Kann, flagged reverse (also on few events)
    TOO_FEW = "too_few"  # unchanged


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """Outcome rates of one service in one segment on the fit half (rates in percent)."""

    service: str
    level: Level  # the current (nominal) level in the segment
    suggested: Level
    flags: tuple[Flag, ...]
    reason: Reason
    n_missing: int
    n_delivered: int
    events_missing: int
    events_delivered: int
    rate_missing: float | None
    rate_delivered: float | None
    difference: float | None  # rate_missing - rate_delivered, percentage points
    low: float | None  # 95 % Newcombe interval of the difference
    high: float | None


@dataclass(frozen=True, slots=True)
class AmpelRate:
    """Customers of one Ampel on the check half and their outcome rate (percent)."""

    customers: int
    events: int
    rate: float | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Calibration:
    """Everything `calibrate` found."""

    outcome: str
    segments: dict[str, list[Evidence]]
    current: dict[Ampel, AmpelRate]  # the check half under the current catalog
    suggested: dict[Ampel, AmpelRate]  # ... and under the suggested one
    fit_customers: int = 0
    check_customers: int = 0
    min_events: int = 10
    suggested_document: dict[str, object] = field(default_factory=dict)  # the catalog as data
