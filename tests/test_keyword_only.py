"""Dataclasses with more than a few fields take keyword arguments only: a positional call could
swap two fields of the same type (line and column, delta and catalog) without any error."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil

import pytest

import kundenaudit

FEW = 4  # up to this many fields a positional call stays readable
# built positionally on purpose, on hot paths: one per gap, per applicable service of every
# customer, per CSV cell; a keyword call costs measurable time there
POSITIONAL = {
    "kundenaudit.model.results.Gap",
    "kundenaudit.score.items.Item",
    "kundenaudit.model.record.Delivery",
}


def _name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _init_fields(cls: type) -> list[dataclasses.Field[object]]:
    return [f for f in dataclasses.fields(cls) if f.init]


def _many_fields() -> list[type]:
    """Every dataclass of the package with more than FEW fields, the hot-path ones included."""
    found: dict[str, type] = {}
    for info in pkgutil.walk_packages(kundenaudit.__path__, "kundenaudit."):
        if info.name.endswith(".__main__"):
            continue  # runs the program
        module = importlib.import_module(info.name)
        for obj in vars(module).values():
            if (
                isinstance(obj, type)
                and dataclasses.is_dataclass(obj)
                and obj.__module__ == module.__name__
                and len(_init_fields(obj)) > FEW
            ):
                found[_name(obj)] = obj
    return [found[k] for k in sorted(found)]


MANY = _many_fields()


def test_the_scan_finds_the_known_ones() -> None:
    names = {_name(c) for c in MANY}
    assert names >= POSITIONAL  # still there, still with many fields
    assert {"kundenaudit.model.diff.CustomerDiff", "kundenaudit.model.errors.Finding"} <= names
    assert len(names) > 30


@pytest.mark.parametrize("cls", [c for c in MANY if _name(c) not in POSITIONAL], ids=_name)
def test_many_fields_take_keywords_only(cls: type) -> None:
    init = _init_fields(cls)
    positional = [f.name for f in init if not f.kw_only]
    assert not positional, f"{_name(cls)}: use @dataclass(kw_only=True); positional: {positional}"
    with pytest.raises(TypeError, match="positional argument"):
        cls(*[None] * len(init))


@pytest.mark.parametrize("cls", [c for c in MANY if _name(c) in POSITIONAL], ids=_name)
def test_the_hot_path_ones_stay_positional(cls: type) -> None:
    # the engine and the CSV reader call them positionally: keyword-only would break them
    assert not any(f.kw_only for f in _init_fields(cls))
