"""Format enums of `diff` and `review`, light enough for the command line to import at start
(their registries sit beside the renderers: render/diff_text.py, render/review.py)."""

from __future__ import annotations

import enum


class DiffFormat(str, enum.Enum):
    """Output formats of `diff`."""

    TABLE = "table"
    MARKDOWN = "markdown"
    JSON = "json"
    GITHUB = "github"


class ReviewFormat(str, enum.Enum):
    """Output formats of `review`: those of `validate`'s findings, and Markdown."""

    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"
