"""Description gives a field the JSON Schema that pydantic's Field(description=...) gives it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Annotated, Any

import pytest
from pydantic import ConfigDict, Field, TypeAdapter, ValidationError

from kundenaudit.model.described import STRICT, Description
from kundenaudit.model.results import CatalogInfo, SegmentSummary
from kundenaudit.model.vocabulary import Ampel, Level, Status

TEXT = "Some words, with 'quotes' and ümlauts."

# the shapes the result types annotate: scalars, optionals, enums (a $ref), containers,
# dataclasses (a $ref with $defs), unions of several types
SHAPES: list[Any] = [
    str,
    float,
    bool,
    int | None,
    str | None,
    dt.date,
    dt.date | None,
    Level,
    Level | None,
    Ampel,
    list[str],
    list[str] | None,
    dict[Level, float | None],
    dict[Status, int],
    dict[str, dict[str, float | None]],
    str | float | bool | None,
    CatalogInfo,
    list[SegmentSummary],
    dict[str, SegmentSummary] | None,
]
NO_DEFAULT = object()
DEFAULTS: list[Any] = [NO_DEFAULT, None, dataclasses.field(default_factory=list)]


def probe_schema(annotation: Any, default: Any, mode: str) -> str:
    """The JSON Schema (as text, key order kept) of a dataclass with one field so annotated."""
    spec: tuple[Any, ...] = ("value", annotation)
    if default is not NO_DEFAULT:
        spec = (*spec, default)
    cls = dataclasses.make_dataclass(
        "Probe", [("first", int), spec], namespace={"__pydantic_config__": STRICT}
    )
    schema = TypeAdapter(cls).json_schema(mode=mode)  # type: ignore[arg-type] # mode literal
    return json.dumps(schema)


@pytest.mark.parametrize("shape", SHAPES, ids=repr)
@pytest.mark.parametrize("default", DEFAULTS, ids=["required", "none", "factory"])
@pytest.mark.parametrize("mode", ["validation", "serialization"])
def test_description_gives_the_schema_of_field(shape: Any, default: Any, mode: str) -> None:
    ours = probe_schema(Annotated[shape, Description(TEXT)], default, mode)
    pydantics = probe_schema(Annotated[shape, Field(description=TEXT)], default, mode)
    assert ours == pydantics
    assert TEXT.replace("ü", "\\u00fc") in ours  # the text is there at all


def test_without_description_the_schemas_differ() -> None:
    # the comparison above can tell a description from none
    described = Annotated[Level | None, Description(TEXT)]
    plain = probe_schema(Level | None, NO_DEFAULT, "validation")
    assert plain != probe_schema(described, NO_DEFAULT, "validation")


def test_strict_is_pydantics_extra_forbid() -> None:
    assert ConfigDict(extra="forbid") == STRICT
    adapter = TypeAdapter(SegmentSummary)
    assert adapter.json_schema()["additionalProperties"] is False
    row = {"customers": 1, "index_mean": None}
    assert adapter.validate_python(row) == SegmentSummary(1, None)
    with pytest.raises(ValidationError, match="unexpected_keyword_argument"):
        adapter.validate_python({**row, "more": 1})
