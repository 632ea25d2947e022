"""Closed sets of command options (`score`, `init`), light enough for the CLI to import before
anything else."""

from __future__ import annotations

import enum


class FailOn(str, enum.Enum):
    """Ampel that fails the gate: rot, or gelb (and rot); the English words too (SPEC §4)."""

    ROT = "rot"
    GELB = "gelb"
    RED = "red"
    AMBER = "amber"


class SortKey(str, enum.Enum):
    """Order of the customers in a portfolio."""

    STATUS = "status"
    INDEX = "index"
    ID = "id"
    NAME = "name"
    SEGMENT = "segment"


class Ci(str, enum.Enum):
    """Where the CI job of `init` goes: a GitHub workflow file, a GitLab job printed, or none."""

    GITHUB = "github"
    GITLAB = "gitlab"
    NONE = "none"
