"""The mapping file of CSV exports (SPEC §2.3): columns, services, values, segments."""

from __future__ import annotations

from typing import Literal

from pydantic import (
    Field,
    field_validator,
)

from kundenaudit.model.fields import (
    FormatVersion,
    Id,
    Model,
    StatusWord,
    Text,
    check_version,
)
from kundenaudit.model.vocabulary import MappingField


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
    kpis: dict[str, Id] = Field(
        default_factory=dict, description="Column name -> metric id (numbers)."
    )
    outcomes: dict[str, Id] = Field(
        default_factory=dict, description="Column name -> outcome name (read by calibrate)."
    )
    outcome_values: dict[str, bool] = Field(
        default_factory=dict,
        description="Raw outcome cell -> true or false (default: yes/ja/true/1 and "
        "no/nein/false/0, ignoring case).",
    )


class MappingFile(Model):
    """A mapping file for CSV exports."""

    kundenaudit: FormatVersion
    mapping: MappingSpec

    _version = field_validator("kundenaudit")(check_version)
