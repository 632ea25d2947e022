"""Format version, id pattern and number bounds of the files, without the file models."""

from __future__ import annotations

FORMAT_VERSION = 1
ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"

MAX_WEIGHT = 1_000_000  # weights and values this large keep every sum far from float overflow
MAX_VALUE = 1e15
