"""How the core reports progress: a callback the command line may draw, or nothing."""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    """Receives stages of work and the steps done in each; never required to show anything."""

    def stage(self, key: str, total: int) -> None:
        """A stage of ``total`` steps begins, labelled by the i18n message ``key``."""

    def advance(self, steps: int = 1) -> None:
        """``steps`` more steps of the current stage are done."""

    def pause(self) -> None:
        """Stop showing anything for now (no drawing thread may run while worker processes
        are forked); the next ``advance`` may show it again."""


class NoProgress:
    """Progress that nobody watches."""

    def stage(self, key: str, total: int) -> None:
        """Ignore the stage."""

    def advance(self, steps: int = 1) -> None:
        """Ignore the steps."""

    def pause(self) -> None:
        """Nothing is shown."""


NO_PROGRESS: Progress = NoProgress()
