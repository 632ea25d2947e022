"""The customer record file (SPEC §2.2): who the customer is and what was delivered."""

# No `from __future__ import annotations`: the field types are evaluated with the class, so
# pydantic does not compile each from a string when it first builds the schema.

import datetime as dt
import typing
from typing import Annotated, Any

from pydantic import (
    BeforeValidator,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from kundenaudit.model.fields import (
    STATUS_INPUT,
    FormatVersion,
    Id,
    Model,
    StatusWord,
    check_version,
)
from kundenaudit.model.limits import MAX_VALUE
from kundenaudit.model.vocabulary import (
    OUTCOME_FALSE,
    OUTCOME_TRUE,
    STATUS_ALIASES,
    PlainYaml11Word,
    Status,
    parse_status,
)


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
    def _consistent(self) -> "ServiceEntry":
        if self.status is Status.ENTBEHRLICH and not (self.reason or "").strip():
            raise PydanticCustomError(
                "reason_required",
                "status 'entbehrlich' needs a 'reason': {status: entbehrlich, reason: why}",
            )
        if self.degree is not None and self.status is not Status.TEILWEISE:
            raise PydanticCustomError(
                "degree_status", "'degree' is only allowed with status 'teilweise'"
            )
        return self


# A status word stays a bare Status here (cheap: a portfolio has hundreds of thousands of them;
# Record.from_file maps it to a shared Delivery); only a mapping becomes a ServiceEntry. The
# tags double as error paths: a bad word is reported at services.<id>.status; "Entry" (never a
# service id: those are lower-case) is dropped.
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
            "enum": list(typing.get_args(STATUS_INPUT)),
            "description": _STATUS_HELP,
        }
    ),
]
DeliveryValue = Annotated[
    Annotated[_BARE_STATUS, Tag("status")] | Annotated[ServiceEntry, Tag(ENTRY_TAG)],
    Discriminator(_entry_kind),
]


def _status_words(services: dict[Any, Any]) -> dict[Any, Any]:
    """Status words and aliases as Status members; anything else is left for the model.

    A bare ``entbehrlich`` (or ``n/a``) becomes an entry without a reason, so the entry's own
    check reports it where it stands: an exemption always needs its reason."""
    get = STATUS_ALIASES.get
    words = {
        sid: (get(raw) or parse_status(raw) or raw) if raw.__class__ is str else raw
        for sid, raw in services.items()
    }
    for sid, word in words.items():
        if word is Status.ENTBEHRLICH:
            words[sid] = {"status": services[sid]}
    return words


def _outcome(raw: Any) -> Any:
    """true/false; the words yes/no/ja/nein only as quoted strings (SPEC §2.2)."""
    if isinstance(raw, PlainYaml11Word):
        raise PydanticCustomError(
            "outcome_yaml11",
            "'{raw}' unquoted is a YAML 1.1 boolean: write true or false, or quote it: \"{raw}\"",
            {"raw": str(raw)},
        )
    if isinstance(raw, str) and raw.strip().lower() in OUTCOME_TRUE | OUTCOME_FALSE:
        return raw.strip().lower() in OUTCOME_TRUE
    if isinstance(raw, bool):
        return raw
    raise PydanticCustomError(
        "outcome", "an outcome is true or false (or a quoted 'ja', 'nein', 'yes', 'no')"
    )


Outcome = Annotated[
    bool,
    BeforeValidator(_outcome),
    Field(description="What happened after the audit: true or false."),
]
Kpi = Annotated[float, Field(ge=-MAX_VALUE, le=MAX_VALUE)]


class CustomerFile(Model):
    """One customer's record: which services were delivered how."""

    kundenaudit: FormatVersion
    customer: CustomerInfo
    audited: dt.date | None = Field(None, description="Audit date; default today.")
    services: dict[str, DeliveryValue] = Field(
        default_factory=dict, description="Service id -> status word or entry."
    )
    kpis: dict[Id, Kpi] = Field(
        default_factory=dict,
        description="Metric id -> the customer's value at the audit date (SPEC §3.1).",
    )
    outcomes: dict[Id, Outcome] = Field(
        default_factory=dict,
        description="Outcome name -> what happened after the audit (read by calibrate).",
    )

    _version = field_validator("kundenaudit")(check_version)

    @model_validator(mode="before")
    @classmethod
    def _words(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("services"), dict):
            return {**data, "services": _status_words(data["services"])}
        return data
