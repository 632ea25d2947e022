"""Format enums of `catalog`, `validate` and `calibrate`, light enough for the command line to
import at start (their registries sit beside the renderers: render/catalog_render.py,
findings.py and calibrate_render.py)."""

from __future__ import annotations

import enum


class CatalogFormat(str, enum.Enum):
    """Output formats of `catalog`."""

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


class CalibrateFormat(str, enum.Enum):
    """Output formats of `calibrate`."""

    TABLE = "table"
    MARKDOWN = "markdown"
    JSON = "json"
    YAML = "yaml"
