"""A progress bar on stderr: only on a terminal, and only once work has taken about a second."""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TYPE_CHECKING

from kundenaudit.model.i18n import Lang, t

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

DELAY = 1.0  # seconds before the bar appears; quick runs never show it


class Bar:
    """Counts work in steps; draws a transient rich bar when it is worth it."""

    def __init__(
        self, enabled: bool | None = None, lang: Lang = Lang.DE, delay: float = DELAY
    ) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.lang = lang
        self.delay = delay
        self.started = time.monotonic()
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self._label = ""
        self._total = 0
        self._done = 0

    def stage(self, key: str, total: int) -> None:
        """Begin a stage of ``total`` steps, labelled by the i18n ``key``."""
        label = t(key, self.lang)
        self._label, self._total, self._done = label, total, 0
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, description=label, total=total, completed=0)

    def advance(self, steps: int = 1) -> None:
        """Record finished steps; show the bar once the delay has passed."""
        self._done += steps
        if not self.enabled:
            return
        if self._progress is None:
            if time.monotonic() - self.started < self.delay:
                return
            self._start()
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, completed=self._done)

    def _start(self) -> None:
        from rich.console import Console  # noqa: PLC0415 - only when a bar is really drawn
        from rich.progress import Progress  # noqa: PLC0415

        self._progress = Progress(console=Console(stderr=True), transient=True)
        self._progress.start()
        self._task = self._progress.add_task(self._label, total=self._total, completed=self._done)

    def pause(self) -> None:
        """Remove the bar for now; the next ``advance`` draws it again."""
        self.close()

    def close(self) -> None:
        """Remove the bar."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def __enter__(self) -> Bar:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
