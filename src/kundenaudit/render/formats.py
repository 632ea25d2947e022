"""Format enums of `validate` and `calibrate`, light enough for the command line to import at
start (their registries sit beside the renderers: render/findings.py and calibrate_render.py)."""

from __future__ import annotations

import enum


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
