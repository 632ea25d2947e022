"""A field's description in a published JSON Schema, given without importing pydantic."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import ConfigDict, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema

# The result types are plain dataclasses that every run builds; only `schema` and `init` hand
# them to pydantic. Importing pydantic.Field loads pydantic's model machinery (a third of the
# cost of importing the dependencies), so descriptions ride on this class instead: pydantic
# calls its hook for any metadata of an Annotated type.

# The JSON results have exactly their fields: the published schemas forbid others.
STRICT: ConfigDict = {"extra": "forbid"}  # a ConfigDict is a plain dict at run time


@dataclass(frozen=True, slots=True)
class Description:
    """``Annotated[T, Description("...")]``: the text editors show for the field."""

    text: str

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {**handler(core_schema), "description": self.text}
