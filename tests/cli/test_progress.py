"""The progress bar: only when enabled (a terminal), only after the delay, gone at the end."""

from __future__ import annotations

import sys

import pytest

from kundenaudit.cli.progress import Bar
from kundenaudit.model.i18n import Lang


def test_disabled_bar_never_draws() -> None:
    with Bar(enabled=False, delay=0) as bar:
        bar.stage("progress_score", 10)
        bar.advance(10)
        assert bar._progress is None


def test_quick_work_shows_no_bar() -> None:
    with Bar(enabled=True, delay=3600) as bar:
        bar.stage("progress_read", 2)
        bar.advance()
        assert bar._progress is None


def test_slow_work_draws_the_labelled_bar_and_removes_it() -> None:
    bar = Bar(enabled=True, lang=Lang.EN, delay=0)
    bar.stage("progress_score", 4)
    bar.advance(2)
    progress = bar._progress
    assert progress is not None
    task = progress.tasks[0]
    assert (task.description, task.total, task.completed) == ("Scoring customers", 4, 2)
    bar.stage("progress_read", 1)
    assert progress.tasks[0].description == "Reading inputs"
    bar.close()
    assert bar._progress is None
    assert not progress.live.is_started


def test_default_is_on_only_for_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    assert Bar().enabled is False
