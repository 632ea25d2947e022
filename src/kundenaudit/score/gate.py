"""The gates of `score` (`--fail-on`, `--fail-under`): which customers fail them, and the exit
code that follows. A gate sees each customer as it is scored; gates of portfolio parts scored
apart (in worker processes) merge in input order."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kundenaudit.model.errors import ExitCode
from kundenaudit.model.options import FailOn
from kundenaudit.model.vocabulary import Ampel
from kundenaudit.score.metrics import missed_metric_goals
from kundenaudit.score.rules import rounded

if TYPE_CHECKING:
    from kundenaudit.model.results import CustomerScore

SHOWN = 10  # failing customers kept by name; the others are only counted

_RED = frozenset({Ampel.ROT})
_AMBER = frozenset({Ampel.ROT, Ampel.GELB})
_FAILING = {FailOn.ROT: _RED, FailOn.RED: _RED, FailOn.GELB: _AMBER, FailOn.AMBER: _AMBER}


@dataclass(frozen=True, slots=True, kw_only=True)
class Failure:
    """A customer that failed a gate, and why: its Ampel (``by_status``: failed ``--fail-on``)
    and its index (``by_index``: printed below ``--fail-under``)."""

    customer: str
    status: Ampel
    index: float | None
    by_status: bool
    by_index: bool


@dataclass(slots=True, kw_only=True)
class Gate:
    """Both gates of one run; ``return_code`` is 1 once any customer failed one of them."""

    fail_on: FailOn | None = None
    fail_under: float | None = None
    failures: list[Failure] = field(default_factory=list)  # the first SHOWN, in input order
    failed: int = 0  # every failing customer
    fail_on_goal: bool = False  # a missed metric goal fails too (score.metrics)
    goal_misses: list[str] = field(default_factory=list)  # the first SHOWN, as lines
    goal_failed: int = 0  # every customer that missed a metric goal
    _statuses: frozenset[Ampel] = field(default=frozenset(), repr=False)

    def __post_init__(self) -> None:
        if self.fail_on is not None:
            self._statuses = _FAILING[self.fail_on]

    def check(self, s: CustomerScore) -> None:
        """Count ``s`` in if it fails a gate. Gates compare the index as printed (one decimal)."""
        by_status = s.status in self._statuses
        limit = self.fail_under
        by_index = limit is not None and s.index is not None and rounded(s.index, 1) < limit
        if by_status or by_index:
            self.failed += 1
            if len(self.failures) < SHOWN:
                self.failures.append(
                    Failure(
                        customer=s.id,
                        status=s.status,
                        index=s.index,
                        by_status=by_status,
                        by_index=by_index,
                    )
                )
        if self.fail_on_goal and s.metric_goals:
            missed = missed_metric_goals(s)
            if missed is not None:
                self.goal_failed += 1
                if len(self.goal_misses) < SHOWN:
                    self.goal_misses.append(missed)

    def merge(self, later: Gate) -> None:
        """Add the failures of customers that come after this gate's ones."""
        self.failed += later.failed
        room = SHOWN - len(self.failures)
        if room > 0:
            self.failures += later.failures[:room]
        self.goal_failed += later.goal_failed
        self.goal_misses += later.goal_misses[: max(0, SHOWN - len(self.goal_misses))]

    def fresh(self) -> Gate:
        """A gate with the same limits and no customers yet (for a part scored apart)."""
        return Gate(
            fail_on=self.fail_on, fail_under=self.fail_under, fail_on_goal=self.fail_on_goal
        )

    @property
    def return_code(self) -> int:
        """1 when a customer failed a gate, else 0."""
        return ExitCode.FINDINGS if self.failed or self.goal_failed else ExitCode.OK
