"""Option values converted without pydantic for the kinds of option this program has."""

# Why typer's private API, and which: typer 0.29 converts each value of a parameter that is not
# a flag through a pydantic TypeAdapter it builds per parameter on first use, also for a value
# that was not given (`typer._coercion.build_runtime_param`); that alone loads pydantic's schema
# machinery on every run. Used here: a `typer.core._TyperParameter` keeps its converter in
# `_runtime_param` (None until built) and calls `coerce(value, param=, ctx=)` on it; its
# `type_descriptor.annotation` and `.parameter_info` describe it; `build_runtime_param(descriptor)`
# builds typer's own. Ours converts the plain values of the kinds below and hands every other value
# to typer's (built only then), so errors, messages and exit codes stay typer's. Read in typer
# 0.29.0 to 0.29.2; with another version `install` does nothing.

from __future__ import annotations

import datetime as dt
import enum
import os
import re
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast, get_args, get_origin

import typer
import typer._click
import typer._coercion  # imported by typer.core already; it imports pydantic only when used
import typer.core

if TYPE_CHECKING:
    from typer._coercion import RuntimeParam
    from typer.models import ParameterInfo

TYPER_VERSIONS = ("0.29.",)  # the releases whose coercion this mirrors

# pydantic reads more than these (' 5', '1_000', '1e3'); those go to typer. ASCII digits only:
# int('٣') is 3, pydantic refuses it.
_INT = re.compile(r"-?[0-9]{1,18}", re.ASCII)
_FLOAT = re.compile(r"-?[0-9]{1,15}(\.[0-9]{1,15})?", re.ASCII)

Convert = Callable[[Any, Any], Any]  # (value, click context) -> value; raises _Unsure


class _Unsure(Exception):
    """A value the lean path does not convert: typer's own coercion gets it."""


DECLINED: Any = object()  # what `LeanParam.lean` gives for such a value


def supported() -> bool:
    """Whether this typer is one whose coercion the lean path mirrors."""
    return (
        typer.__version__.startswith(TYPER_VERSIONS)
        and callable(getattr(typer.core._TyperParameter, "get_runtime_param", None))
        and callable(getattr(typer._coercion, "build_runtime_param", None))
    )


def install(params: Iterable[Any]) -> None:
    """Give each parameter whose kind is known here the lean coercion (once)."""
    if not supported():
        return
    for param in params:
        if not isinstance(param, typer.core._TyperParameter):
            continue
        if getattr(param, "_runtime_param", False) is not None:  # built, or not typer 0.29's
            continue
        convert = converter(param.type_descriptor.annotation, param.type_descriptor.parameter_info)
        if convert is not None:
            param._runtime_param = cast("RuntimeParam", LeanParam(convert, param.type_descriptor))


class LeanCoercion(typer._click.Command):
    """Mixed into a command: its parameters get the lean coercion before values are parsed."""

    def parse_args(self, ctx: typer._click.Context, args: list[str]) -> list[str]:
        install(self.get_params(ctx))  # with the help option, which click makes on demand
        return super().parse_args(ctx, args)


@dataclass
class LeanParam:
    """A parameter's converter: lean for the values it knows, typer's for every other."""

    convert: Convert
    descriptor: Any  # typer's TypeDescriptor, for typer's own converter
    typer_param: RuntimeParam | None = field(default=None, init=False)

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        """The value as typer's coercion gives it (``None`` as typer treats a missing value)."""
        if value is None:
            return () if param.multiple or param.nargs == -1 else None
        lean = self.lean(value, ctx)
        if lean is not DECLINED:
            return lean
        if self.typer_param is None:  # building it imports pydantic's schema machinery
            self.typer_param = typer._coercion.build_runtime_param(self.descriptor)
        return self.typer_param.coerce(value, param=param, ctx=ctx)

    def lean(self, value: Any, ctx: Any) -> Any:
        """The value converted here, or DECLINED."""
        try:
            return self.convert(value, ctx)
        except (_Unsure, ValueError):  # strptime, int and os.stat say ValueError
            return DECLINED


def converter(annotation: Any, info: ParameterInfo) -> Convert | None:
    """The lean converter of an annotation, or None for a kind left to typer."""
    if info.parser is not None:
        return None
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        leaf = _leaf(item, info)
        return None if leaf is None else _list_of(leaf)
    return _leaf(annotation, info)


def _list_of(leaf: Convert) -> Convert:
    def convert(value: Any, ctx: Any) -> list[Any]:
        if not isinstance(value, (list, tuple)):  # a string: typer says it is not iterable
            raise _Unsure
        return [leaf(item, ctx) for item in value]

    return convert


def _leaf(annotation: Any, info: ParameterInfo) -> Convert | None:  # noqa: PLR0911 - one per kind
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return _choice(tuple(annotation), info.case_sensitive)
    if get_origin(annotation) is Literal and all(isinstance(a, str) for a in get_args(annotation)):
        return _choice(get_args(annotation), info.case_sensitive)
    if annotation is str:
        return _text
    if annotation is bool:
        return _flag
    if annotation in (int, float) and not info.clamp:
        return _number(annotation, info.min, info.max)
    if annotation is dt.datetime and info.formats:
        return _date(tuple(info.formats))
    if annotation is Path and not (info.path_type or info.resolve_path or info.allow_dash):
        return _path(info)
    return None


def _text(value: Any, ctx: Any) -> str:
    if type(value) is not str:  # bytes are decoded by typer
        raise _Unsure
    return value


def _flag(value: Any, ctx: Any) -> bool:
    if not isinstance(value, bool):  # pydantic's words for true and false go to typer
        raise _Unsure
    return value


def _choice(choices: tuple[Any, ...], case_sensitive: bool) -> Convert:
    def norm(choice: Any) -> str:
        text = str(choice.value) if isinstance(choice, enum.Enum) else str(choice)
        return text if case_sensitive else text.casefold()

    by_text: dict[str, Any] = {}
    for choice in choices:
        by_text.setdefault(norm(choice), choice)  # typer takes the first that matches

    def convert(value: Any, ctx: Any) -> Any:
        if isinstance(value, enum.Enum) and any(value is choice for choice in choices):
            return value
        if type(value) is not str or getattr(ctx, "token_normalize_func", None) is not None:
            raise _Unsure
        key = norm(value)
        if key not in by_text:
            raise _Unsure  # typer lists the choices
        return by_text[key]

    return convert


def _number(kind: type[Any], low: float | None, high: float | None) -> Convert:
    pattern = _INT if kind is int else _FLOAT

    def convert(value: Any, ctx: Any) -> Any:
        if type(value) is kind:
            number = value
        elif type(value) is str and pattern.fullmatch(value):
            number = kind(value)
        else:
            raise _Unsure
        if (low is not None and number < low) or (high is not None and number > high):
            raise _Unsure  # typer says what the range is
        return number

    return convert


def _date(formats: tuple[str, ...]) -> Convert:
    def convert(value: Any, ctx: Any) -> dt.datetime:
        if type(value) is dt.datetime:
            return value
        if type(value) is not str:
            raise _Unsure
        for fmt in formats:
            try:
                return dt.datetime.strptime(value, fmt)
            except ValueError:
                continue
        raise _Unsure

    return convert


def _path(info: ParameterInfo) -> Convert:
    def convert(value: Any, ctx: Any) -> Path:
        if isinstance(value, Path):
            path = value
        elif type(value) is str:
            path = Path(value)
        else:
            raise _Unsure
        try:
            mode = os.stat(path).st_mode  # a NUL in the name raises ValueError: typer's then
        except OSError:
            if info.exists:
                raise _Unsure from None
            return path
        refused = (
            (not info.file_okay and stat.S_ISREG(mode))
            or (not info.dir_okay and stat.S_ISDIR(mode))
            or (info.readable and not os.access(path, os.R_OK))
            or (info.writable and not os.access(path, os.W_OK))
        )
        if refused:
            raise _Unsure
        return path

    return convert
