"""Renderers: one module per output format, chosen through the enums below."""

from __future__ import annotations

import enum


class Format(str, enum.Enum):
    """Output formats of `catalog` and `score`."""

    TABLE = "table"
    MARKDOWN = "markdown"
    JSON = "json"
    CSV = "csv"


class FindingFormat(str, enum.Enum):
    """Output formats of `validate`."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"
    JUNIT = "junit"
