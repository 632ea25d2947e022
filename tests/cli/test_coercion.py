"""The lean option coercion against typer's own, over every parameter of every command: each
value it converts is the value typer gives (type and value), every other it hands over."""

from __future__ import annotations

import datetime as dt
import enum
import os
from pathlib import Path
from typing import Any, Literal
from uuid import UUID

import pytest
import typer
import typer._click
import typer._coercion
import typer.core
import typer.main
from hypothesis import given, settings
from hypothesis import strategies as st
from typer._click.exceptions import BadParameter
from typer.models import OptionInfo

from kundenaudit.cli import coercion
from kundenaudit.cli.app import app
from tests.cli.runner import ROOT


def _params() -> list[tuple[str, Any]]:
    """(command, parameter) of the root and of every command, help options included."""
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    found = [("root", p) for p in group.get_params(typer._click.Context(group))]
    for name, command in sorted(group.commands.items()):
        found += [(name, p) for p in command.get_params(typer._click.Context(command))]
    return found


PARAMS = _params()
IDS = [f"{command}:{param.name}" for command, param in PARAMS]

# plain values, and the ones pydantic reads in its own way (spaces, '_', exponents, other digits)
COMMON: list[Any] = [
    *["", " ", "x", "abc", "ä", "\udcff", "K-1*", "a\x00b", "True", "false", "yes", "on"],
    *["0", "1", "-1", "2", "007", "+5", " 5", "5 ", "1_000", "1.0", "1.5", "-0", "-0.0"],
    *["1e3", ".5", "5.", "nan", "inf", "-inf", "٣", "١.٢", "9" * 18, "9" * 19, "1" * 40],
    *["50.123456789012345", "0.1000000000000000055511151231257827", "1" * 15 + ".5"],
    *["2026-11-27", "2026-13-01", "2026-1-5", "2026-02-30", "20261127", "2026-11-27 "],
    *["2026-11-27T10:00", "examples/gruen.yaml", "examples", ".", "/", "-", "no/such/file"],
    *["JSON", "Json", "json", "EN", "de", "rot", "Red", "amber", "table", "text", "none"],
    *[b"x", 3, 3.5, True, dt.datetime(2026, 1, 1), Path("x"), ("a",)],
]


def _item(param: Any) -> Any:
    """The parameter's annotation, without ``list[...]``."""
    annotation = param.type_descriptor.annotation
    return getattr(annotation, "__args__", (annotation,))[0]


def leaf_values(param: Any) -> list[Any]:
    item = _item(param)
    extra: list[Any] = []
    if isinstance(item, type) and issubclass(item, enum.Enum):
        extra = [v for m in item for v in (m, m.value, m.value.upper(), m.value.title())]
    return COMMON + extra + ([] if param.default is None else [param.default])


def values(param: Any) -> list[Any]:
    """Single values, or for a list parameter tuples of them, the empty one and a bare string."""
    single = leaf_values(param)
    if not (param.multiple or param.nargs == -1):
        return single
    return [(v,) for v in single] + [(), tuple(single[:8]), "x", ["2026-11-27", "x"]]


def typer_gives(param: Any, value: Any, ctx: Any) -> tuple[bool, Any]:
    """(accepted, value or error) of the coercion typer builds (a pydantic TypeAdapter)."""
    runtime = typer._coercion.build_runtime_param(param.type_descriptor)
    try:
        return True, runtime.coerce(value, param=param, ctx=ctx)
    except (BadParameter, ValueError) as exc:  # ValueError: os.stat of a name with NUL
        return False, exc


def assert_same(lean: Any, given: Any) -> None:
    assert type(lean) is type(given), (lean, given)
    if isinstance(lean, list):
        assert len(lean) == len(given)
        for a, b in zip(lean, given, strict=True):
            assert_same(a, b)
    elif isinstance(lean, enum.Enum):
        assert lean is given
    else:
        assert (lean, repr(lean)) == (given, repr(given))


def context(**settings: Any) -> typer._click.Context:
    return typer._click.Context(typer.core.TyperCommand(name="x"), **settings)


def check(param: Any, value: Any, ctx: Any | None = None) -> bool:
    """True when the lean path converted ``value`` (to typer's value), False when it declined."""
    ctx = ctx if ctx is not None else context()
    descriptor = param.type_descriptor
    convert = coercion.converter(descriptor.annotation, descriptor.parameter_info)
    assert convert is not None
    lean = coercion.LeanParam(convert, descriptor).lean(value, ctx)
    if lean is coercion.DECLINED:
        return False
    accepted, given = typer_gives(param, value, ctx)
    assert accepted, f"lean gave {lean!r} where typer says {given}"
    assert_same(lean, given)
    return True


def happy(param: Any) -> Any:
    """A plain valid value of the parameter, as the command line gives it."""
    item = _item(param)
    if isinstance(item, type) and issubclass(item, enum.Enum):
        value: Any = next(iter(item)).value
    else:
        info = param.type_descriptor.parameter_info
        plain: dict[Any, Any] = {str: "K-1", Path: "examples/gruen.yaml", bool: True}
        plain |= {int: str((info.min or 0) + 2), float: "50.5", dt.datetime: "2026-11-27"}
        value = plain[item]
    return (value, value) if param.multiple or param.nargs == -1 else value


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # relative paths name the examples


@pytest.mark.parametrize(("command", "param"), PARAMS, ids=IDS)
def test_every_parameter_has_the_lean_coercion(command: str, param: Any) -> None:
    descriptor = param.type_descriptor
    assert coercion.converter(descriptor.annotation, descriptor.parameter_info) is not None
    assert check(param, happy(param))  # and its plain value is converted, not handed over


@pytest.mark.parametrize(("command", "param"), PARAMS, ids=IDS)
def test_a_missing_value_is_what_typer_makes_of_it(command: str, param: Any) -> None:
    descriptor = param.type_descriptor
    convert = coercion.converter(descriptor.annotation, descriptor.parameter_info)
    assert convert is not None
    lean = coercion.LeanParam(convert, descriptor).coerce(None, param, context())
    accepted, given = typer_gives(param, None, context())
    assert accepted
    assert (type(lean), lean) == (type(given), given)


@pytest.mark.parametrize(("command", "param"), PARAMS, ids=IDS)
def test_lean_gives_typers_value_or_hands_over(command: str, param: Any) -> None:
    converted = [check(param, v) for v in values(param)]
    assert any(converted) and not all(converted)  # both ways are taken for every parameter


NUMBERISH = st.from_regex(r"\A[ +-]?[0-9_]{0,20}(\.[0-9]{0,20})?([eE][+-]?[0-9]{1,3})?\Z")
DATEISH = st.dates().map(str) | st.from_regex(r"\A[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}\Z")


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(PARAMS), st.text(max_size=12) | NUMBERISH | DATEISH)
def test_lean_gives_typers_value_or_hands_over_on_any_text(pair: Any, text: str) -> None:
    _, param = pair
    check(param, (text,) if param.multiple or param.nargs == -1 else text)


def test_a_token_normalize_function_hands_choices_over() -> None:
    (param,) = [p for c, p in PARAMS if (c, p.name) == ("score", "fmt")]
    ctx = context(token_normalize_func=str.upper)
    assert not check(param, "json", ctx)
    assert check(param, "json")


# --- kinds and settings the commands do not use yet ----------------------------------------------


def synthetic(annotation: Any, **info: Any) -> typer.core.TyperOption:
    descriptor = typer._coercion.resolve_type_descriptor(annotation, OptionInfo(**info))
    return typer.core.TyperOption(
        param_decls=["--p"], type_descriptor=descriptor, multiple=descriptor.is_list
    )


@pytest.mark.parametrize(
    "info",
    [
        {"exists": True},
        {"file_okay": False},
        {"dir_okay": False},
        {"writable": True},
        {"readable": False},
        {"exists": True, "dir_okay": False, "writable": True},
    ],
)
def test_path_settings_agree_with_typer(info: dict[str, Any], tmp_path: Path) -> None:
    param = synthetic(Path, **info)
    (tmp_path / "f").write_text("x", encoding="utf-8")
    read_only = tmp_path / "ro"
    read_only.write_text("x", encoding="utf-8")
    read_only.chmod(0o444)
    names = ["f", "ro", ".", "missing", "a\x00b", ""]
    results = {n: check(param, str(tmp_path / n)) for n in names}
    assert any(results.values())
    assert results["missing"] is not info.get("exists", False)
    if os.geteuid() != 0:  # root may write to a read-only file
        assert results["ro"] is not info.get("writable", False)


@pytest.mark.parametrize(
    ("annotation", "info"),
    [
        (int, {"min": 2, "max": 5}),
        (float, {"min": -1.5, "max": 2.5}),
        (Literal["Alpha", "beta"], {}),
        (Literal["Alpha", "beta"], {"case_sensitive": False}),
        (Literal["Alpha", "alpha", "ALPHA"], {"case_sensitive": False}),  # the first one wins
        (dt.datetime, {"formats": ["%d.%m.%Y", "%Y-%m-%d"]}),
        (list[int], {"min": 0}),
    ],
)
def test_further_kinds_agree_with_typer(annotation: Any, info: dict[str, Any]) -> None:
    param = synthetic(annotation, **info)
    texts = ["1", "2", "5", "6", "-1", "2.5", "2.6", "-1.5", "alpha", "Alpha", "beta", "BETA"]
    texts += ["27.11.2026", "2026-11-27", "x"]
    given = [(t,) for t in texts] if param.multiple else texts
    assert sum(check(param, v) for v in given) >= 2


@pytest.mark.parametrize(
    ("annotation", "info"),
    [
        (str, {"parser": str.upper}),
        (Path, {"resolve_path": True}),
        (Path, {"allow_dash": True}),
        (dt.datetime, {}),  # pydantic's own datetime parsing
        (int, {"min": 0, "max": 9, "clamp": True}),
        (UUID, {}),
        (Literal[1, 2], {}),
        (tuple[int, str], {}),
        (list[UUID], {}),
    ],
)
def test_other_kinds_stay_with_typer(annotation: Any, info: dict[str, Any]) -> None:
    assert coercion.converter(annotation, OptionInfo(**info)) is None
