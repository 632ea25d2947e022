"""Pydantic models of the input files: catalog, customer record and mapping file."""

from __future__ import annotations

import datetime as dt
import typing
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from kundenaudit.suggest import did_you_mean
from kundenaudit.words import (
    STATUS_ALIASES,
    Competition,
    Status,
    parse_level,
    parse_status,
    status_hint,
)

FORMAT_VERSION = 1
ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"


MAX_WEIGHT = 1_000_000  # weights and values this large keep every sum far from float overflow
MAX_VALUE = 1e15


class Model(BaseModel):
    """Base of every file model: immutable, unknown keys are errors."""

    # numbers are finite: an infinite weight or value would break every sum it enters
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True, allow_inf_nan=False)


def _level(raw: Any, *, allow_entfaellt: bool) -> Any:
    if not isinstance(raw, str):
        return raw
    word = parse_level(raw, allow_entfaellt=allow_entfaellt)
    if word is None:
        allowed = ["muss", "soll", "kann"] + (["entfaellt"] if allow_entfaellt else [])
        raise PydanticCustomError(
            "level",
            "unknown level '{raw}'{hint} (use one of: {allowed})",
            {"raw": raw, "allowed": ", ".join(allowed), "hint": did_you_mean(raw, allowed)},
        )
    return word


def _status(raw: Any) -> Any:
    if not isinstance(raw, str):
        return raw
    status = parse_status(raw)
    if status is None:
        raise PydanticCustomError("status", status_hint(raw))
    return status


Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN),
    Field(description="Identifier: lower-case letters, digits, '-' and '_'."),
]


def _spellings(*words: str) -> Any:
    """A Literal of each word as written, Capitalised and UPPER: what editors should accept
    (the tool itself accepts any case)."""
    forms = {f for w in words for f in (w, w.capitalize(), w.upper())}
    return Literal.__getitem__(tuple(sorted(forms)))


_LEVELS_IN = ("muss", "soll", "kann", "must", "sollte", "should", "can", "may")
_LEVEL_INPUT = _spellings(*_LEVELS_IN)
_LEVEL_OR_NONE_INPUT = _spellings(*_LEVELS_IN, "entfaellt", "entfällt", "none", "-")
_STATUS_INPUT = _spellings(*STATUS_ALIASES)


LevelWord = Annotated[
    Literal["muss", "soll", "kann"],
    BeforeValidator(
        lambda v: _level(v, allow_entfaellt=False), json_schema_input_type=_LEVEL_INPUT
    ),
    Field(description="muss | soll | kann (aliases: must, should, sollte, can, may)."),
]
LevelOrNone = Annotated[
    Literal["muss", "soll", "kann", "entfaellt"],
    BeforeValidator(
        lambda v: _level(v, allow_entfaellt=True), json_schema_input_type=_LEVEL_OR_NONE_INPUT
    ),
    Field(
        description="muss | soll | kann, or entfaellt (aliases none, '-') where it does not apply."
    ),
]
StatusWord = Annotated[
    Status,
    BeforeValidator(_status, json_schema_input_type=_STATUS_INPUT),
    Field(description="erfuellt | teilweise | nicht_erfuellt | offen | entbehrlich (or an alias)."),
]
Text = Annotated[str, StringConstraints(min_length=1)]


def _check_version(value: int) -> int:
    if value != FORMAT_VERSION:
        raise PydanticCustomError(
            "format_version",
            "unsupported format version {value} (this kundenaudit reads version 1)",
            {"value": value},
        )
    return value


FormatVersion = Annotated[
    int,
    Field(description="File format version; must be 1.", json_schema_extra={"const": 1}),
]


class Weights(Model):
    """Level weights for the index."""

    muss: float = Field(3, gt=0, le=MAX_WEIGHT, description="Weight of Muss services in the index.")
    soll: float = Field(2, gt=0, le=MAX_WEIGHT, description="Weight of Soll services in the index.")
    kann: float = Field(1, gt=0, le=MAX_WEIGHT, description="Weight of Kann services in the index.")


class GoalSpec(Model):
    """A goal: content (a level or a list of services) x extent (min %) x time (by)."""

    model_config = ConfigDict(
        json_schema_extra={"oneOf": [{"required": ["level"]}, {"required": ["services"]}]}
    )

    level: LevelWord | None = Field(None, description="The level whose coverage is measured.")
    services: tuple[Id, ...] | None = Field(
        None, min_length=1, description="Services whose weighted coverage is measured."
    )
    min: float = Field(ge=0, le=100, description="Target coverage in percent (0..100).")
    by: dt.date | None = Field(None, description="Deadline; without it the goal is standing.")

    @model_validator(mode="after")
    def _one_content(self) -> GoalSpec:
        if (self.level is None) == (self.services is None):
            raise PydanticCustomError(
                "goal_content", "a goal names either a 'level' or a list of 'services'"
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

    _version = field_validator("kundenaudit")(_check_version)


class CustomerInfo(Model):
    """Who the customer is."""

    id: Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)] = Field(
        description="Customer number."
    )
    name: str | None = Field(None, description="Company name.")
    segment: Id | None = Field(None, description="Segment id from the catalog.")
    manager: str | None = Field(None, description="Responsible account manager.")
    value: float | None = Field(
        None, ge=0, le=MAX_VALUE, description="Yearly revenue; weights portfolio risk."
    )


class ServiceEntry(Model):
    """Delivery of one service to the customer."""

    status: StatusWord
    degree: float | None = Field(
        None, gt=0, lt=1, description="Degree of a partial delivery (0 < degree < 1)."
    )
    reason: str | None = Field(None, description="Why the service is not needed (entbehrlich).")
    until: dt.date | None = Field(None, description="End of an exemption.")
    note: str | None = Field(None, description="Free text.")
    evidence: str | None = Field(None, description="Where the delivery is documented.")
    date: dt.date | None = Field(None, description="When the status was observed.")

    @model_validator(mode="after")
    def _consistent(self) -> ServiceEntry:
        if self.status is Status.ENTBEHRLICH and not (self.reason or "").strip():
            raise PydanticCustomError("reason_required", "status 'entbehrlich' needs a 'reason'")
        if self.degree is not None and self.status is not Status.TEILWEISE:
            raise PydanticCustomError(
                "degree_status", "'degree' is only allowed with status 'teilweise'"
            )
        return self


# A status word stays a bare Status (cheap: a portfolio has hundreds of thousands of them);
# only a mapping becomes a ServiceEntry. The tags double as error paths: a bad word is reported
# at services.<id>.status; "Entry" (never a service id: those are lower-case) is dropped.
ENTRY_TAG = "Entry"


def _entry_kind(raw: Any) -> str:
    return ENTRY_TAG if isinstance(raw, dict) else "status"


# Bare words are turned into Status members by CustomerFile before validation, in one loop
# rather than one validator call per service; pydantic then only checks the member.
_STATUS_HELP = "erfuellt | teilweise | nicht_erfuellt | offen | entbehrlich (or an alias)."
_BARE_STATUS = Annotated[
    Status,
    WithJsonSchema(
        {
            "type": "string",
            "enum": list(typing.get_args(_STATUS_INPUT)),
            "description": _STATUS_HELP,
        }
    ),
]
Entry = Annotated[
    Annotated[_BARE_STATUS, Tag("status")] | Annotated[ServiceEntry, Tag(ENTRY_TAG)],
    Discriminator(_entry_kind),
]


def _status_words(services: dict[Any, Any]) -> dict[Any, Any]:
    """Status words and aliases as Status members; anything else is left for the model."""
    get = STATUS_ALIASES.get
    return {
        sid: (get(raw) or parse_status(raw) or raw) if raw.__class__ is str else raw
        for sid, raw in services.items()
    }


class CustomerFile(Model):
    """One customer's record: which services were delivered how."""

    kundenaudit: FormatVersion
    customer: CustomerInfo
    audited: dt.date | None = Field(None, description="Audit date; default today.")
    services: dict[str, Entry] = Field(
        default_factory=dict, description="Service id -> status word or entry."
    )

    _version = field_validator("kundenaudit")(_check_version)

    @model_validator(mode="before")
    @classmethod
    def _words(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("services"), dict):
            return {**data, "services": _status_words(data["services"])}
        return data


MappingField = Literal[
    "customer",
    "name",
    "segment",
    "service",
    "status",
    "degree",
    "reason",
    "note",
    "date",
    "value",
    "manager",
    "audited",
    "evidence",
    "until",
]


class MappingSpec(Model):
    """How the columns and values of a CRM export map onto kundenaudit's words."""

    layout: Literal["long", "wide"] = Field("long", description="long or wide CSV layout.")
    columns: dict[MappingField, Text] = Field(
        default_factory=dict, description="kundenaudit field -> column name in the export."
    )
    services: dict[str, Id] = Field(
        default_factory=dict, description="Column name (wide) or raw value (long) -> service id."
    )
    values: dict[str, StatusWord] = Field(
        default_factory=dict, description="Raw value -> status, for every service column."
    )
    column_values: dict[str, dict[str, StatusWord]] = Field(
        default_factory=dict, description="Per column: raw value -> status; overrides 'values'."
    )
    segments: dict[str, Id] = Field(
        default_factory=dict, description="Raw segment name -> segment id."
    )


class MappingFile(Model):
    """A mapping file for CSV exports."""

    kundenaudit: FormatVersion
    mapping: MappingSpec

    _version = field_validator("kundenaudit")(_check_version)
