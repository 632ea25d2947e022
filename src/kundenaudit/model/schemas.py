"""JSON Schemas (draft 2020-12) of the file formats and of the score result."""

from __future__ import annotations

import enum
from typing import Any, Literal

from pydantic import BaseModel, TypeAdapter

from kundenaudit.model.catalog_file import CatalogFile
from kundenaudit.model.mapping_file import MappingFile
from kundenaudit.model.record_file import CustomerFile

DIALECT = "https://json-schema.org/draft/2020-12/schema"


class SchemaName(str, enum.Enum):
    """The published schemas."""

    CATALOG = "catalog"
    CUSTOMER = "customer"
    MAPPING = "mapping"
    RESULT = "result"
    RESULT_LINE = "result-line"  # a line of the JSON Lines result
    SNAPSHOT = "snapshot"
    DIFF = "diff"


def _target(name: SchemaName) -> Any:
    if name is SchemaName.RESULT:
        from kundenaudit.model.results import ResultDocument  # noqa: PLC0415 - keeps imports lean

        return ResultDocument
    if name is SchemaName.DIFF:
        from kundenaudit.model.diff import DiffDocument  # noqa: PLC0415

        return DiffDocument
    if name is SchemaName.RESULT_LINE:
        from kundenaudit.model.results import ResultLine  # noqa: PLC0415

        return ResultLine
    if name is SchemaName.SNAPSHOT:
        from kundenaudit.model.snapshot import SnapshotFile  # noqa: PLC0415

        return SnapshotFile
    return {
        SchemaName.CATALOG: CatalogFile,
        SchemaName.CUSTOMER: CustomerFile,
        SchemaName.MAPPING: MappingFile,
    }[name]


def json_schema(name: SchemaName) -> dict[str, Any]:
    """The schema with its dialect and id."""
    target = _target(name)
    mode: Literal["validation", "serialization"] = (
        "serialization"
        if name in (SchemaName.RESULT, SchemaName.RESULT_LINE, SchemaName.DIFF)
        else "validation"
    )
    if isinstance(target, type) and issubclass(target, BaseModel):
        body = target.model_json_schema(mode=mode)
    else:
        body = TypeAdapter(target).json_schema(mode=mode)
    return {
        "$schema": DIALECT,
        "title": f"kundenaudit {name.value}",
        **{k: v for k, v in body.items() if k != "title"},
    }
