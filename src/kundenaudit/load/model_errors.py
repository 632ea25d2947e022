"""Turn pydantic validation errors into problems a user can act on."""

from __future__ import annotations

import re
import types
import typing
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from kundenaudit.model.errors import Problem
from kundenaudit.model.suggest import did_you_mean
from kundenaudit.model.vocabulary import status_hint

if TYPE_CHECKING:  # pydantic's models are loaded by what failed to validate, not by every run
    from pydantic import BaseModel, ValidationError

_KEY_ERRORS = frozenset({"extra_forbidden", "missing"})
_VALIDATOR_STEPS = ("function-before[", "function-after[", "function-wrap[", "function-plain[")
_NUMBER = re.compile(r"^[-+]?[0-9._]+([eE][-+]?[0-9]+)?$")


def pydantic_problems(exc: ValidationError, root: type[BaseModel]) -> list[Problem]:
    """One problem per pydantic error, with a message and the path to its node."""
    errors = exc.errors(include_url=False)
    failed = {tuple(e["loc"][:n]) for e in errors for n in range(1, len(e["loc"]))}
    # pydantic also reports a list as too short when its items failed: noise, not a finding
    return [
        _with_hint(_problem(err, root), err)
        for err in errors
        if not (err["type"] == "too_short" and tuple(err["loc"]) in failed)
    ]


_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def _with_hint(problem: Problem, err: Any) -> Problem:
    """The problem with what to write instead, where the mistake is a common one."""
    hint = _hint(err["type"], tuple(err["loc"]), err.get("input"))
    return replace(problem, message=problem.message + hint) if hint else problem


def _hint(kind: str, loc: tuple[Any, ...], raw: Any) -> str:
    last = loc[-1] if loc else None
    text = raw.strip() if isinstance(raw, str) else None
    if kind == "missing" and last == "kundenaudit":
        return ": add 'kundenaudit: 1' (the format version) at the top"
    if kind == "string_pattern_mismatch" and text and _ID.match(text.lower()):
        return f"; did you mean '{text.lower()}'?"
    if kind.startswith(("date_", "datetime_")):
        return "; use YYYY-MM-DD"
    if last == "degree" and kind == "less_than" and _number(raw, 1, 100):
        return f"; a degree is a fraction: write {float(raw) / 100:g} for {raw} %"
    if last == "min" and text and text.endswith("%") and _number(text[:-1], 0, 100):
        return f"; write {text[:-1].strip()} (min is in percent already)"
    return ""


def _number(raw: Any, low: float, high: float) -> bool:
    try:
        value = float(raw)
    except (TypeError, ValueError):
        return False
    return low < value <= high


def _problem(err: Any, root: type[BaseModel]) -> Problem:  # noqa: PLR0911 - one return per error kind
    loc = tuple(err["loc"])
    kind, raw = err["type"], err.get("input")
    # pydantic marks an error in a dict key with a last step "[key]"; the path of an unknown or
    # missing key ends with the key itself, whatever it is called
    at_key = kind not in _KEY_ERRORS and loc[-1:] == ("[key]",)
    loc = _file_path(loc[:-1] if at_key else loc)
    if kind == "extra_forbidden":
        fields = _fields_at(root, loc[:-1])
        hint = did_you_mean(str(loc[-1]), fields)
        return Problem(
            loc=loc, message=f"unknown key '{loc[-1]}'{hint}", rule="unknown-key", at_key=True
        )
    if kind == "missing":
        return Problem(
            loc=loc[:-1], message=f"missing required key '{loc[-1]}'", rule="missing-key"
        )
    if kind == "string_pattern_mismatch":
        hint = " (quote it, and " if isinstance(raw, str) and _NUMBER.match(raw) else " ("
        msg = f"invalid id '{raw}'{hint}use only lower-case letters, digits, '-' and '_')"
        return Problem(loc=loc, message=msg, rule="invalid-id", at_key=at_key)
    if raw is None and kind not in ("missing", "status", "level"):
        return Problem(loc=loc, message=f"'{loc[-1]}' has no value", rule="schema")
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return Problem(
            loc=loc, message=f"expected a mapping here, found {_what(raw)}", rule="schema"
        )
    if kind in ("tuple_type", "list_type"):
        return Problem(loc=loc, message=f"expected a list here, found {_what(raw)}", rule="schema")
    msg = plain(str(err["msg"]))
    if kind == "format_version":
        return Problem(loc=loc, message=msg, rule="format-version")
    if kind == "enum" and loc[-1:] == ("status",) and isinstance(raw, str):
        return Problem(loc=loc, message=status_hint(raw), rule="schema")
    if kind not in ("status", "level") and raw is not None and not isinstance(raw, (dict, list)):
        msg += f", got '{raw}'"
    return Problem(loc=loc, message=msg, rule="schema", at_key=at_key)


_PLAIN = (
    (re.compile(r"^(?:Value error|Assertion failed), "), ""),
    (re.compile(r"^Input should be "), "expected "),
    (re.compile(r"\ba valid (?=\w)"), "a "),
    (re.compile(r", unable to parse string as an? \w+"), ""),
    (re.compile(r"\bgreater than or equal to\b"), "at least"),
    (re.compile(r"\bless than or equal to\b"), "at most"),
    (re.compile(r"\bgreater than\b"), "more than"),
    (re.compile(r"\bdate or datetime\b"), "date"),
)


def plain(msg: str) -> str:
    """A pydantic message in the words of this program's other messages: no "Value error, "
    or "Input should be ..." (``expected a number``, ``expected at most 5``), lower case."""
    for pattern, words in _PLAIN:
        msg = pattern.sub(words, msg)
    return msg[0].lower() + msg[1:] if msg else msg


def _file_path(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """pydantic's error path without its own steps, which have no node in the file:
    validator names and the union tag of a customer's service entry."""
    from kundenaudit.model.record_file import ENTRY_TAG  # noqa: PLC0415 - pydantic models

    parts = [p for p in loc if not _is_validator_step(p)]
    if len(parts) > 2 and parts[0] == "services" and parts[2] == ENTRY_TAG:
        del parts[2]
    return tuple(parts)


def _is_validator_step(part: Any) -> bool:
    return isinstance(part, str) and part.startswith(_VALIDATOR_STEPS) and part.endswith("]")


def _what(raw: Any) -> str:
    if isinstance(raw, list):
        return "a list"
    if isinstance(raw, dict):
        return "a mapping"
    return f"'{raw}'"


def _fields_at(root: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names of the model that sits at ``loc`` below ``root``."""
    cls: type[BaseModel] | None = root
    for part in loc:
        if cls is None:
            break
        field = cls.model_fields.get(part) if isinstance(part, str) else None
        if field is not None:
            cls = _inner_model(field.annotation)
    return list(cls.model_fields) if cls is not None else []


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    from pydantic import BaseModel  # noqa: PLC0415 - loaded already: a model failed

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    args = typing.get_args(annotation)
    if isinstance(annotation, types.UnionType) or args:
        for arg in reversed(args):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None
