"""Shared pieces of the file models: the base model, ids, level and status words, version."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

from kundenaudit.model.limits import FORMAT_VERSION, ID_PATTERN
from kundenaudit.model.suggest import did_you_mean
from kundenaudit.model.vocabulary import (
    STATUS_ALIASES,
    Status,
    parse_level,
    parse_status,
    status_hint,
)


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
STATUS_INPUT = _spellings(*STATUS_ALIASES)


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
    BeforeValidator(_status, json_schema_input_type=STATUS_INPUT),
    Field(description="erfuellt | teilweise | nicht_erfuellt | offen | entbehrlich (or an alias)."),
]
Text = Annotated[str, StringConstraints(min_length=1)]


def check_version(value: int) -> int:
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
