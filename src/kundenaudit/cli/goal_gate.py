"""The message of the `--fail-on-goal` gate: which customers missed a metric goal."""

from __future__ import annotations

from kundenaudit.cli.state import warn
from kundenaudit.model.text import visible
from kundenaudit.score.gate import Gate


def report_goal_misses(gate: Gate) -> None:
    """Name the customers (the first few, then a count) that failed ``--fail-on-goal``."""
    if not gate.goal_failed:
        return
    more = gate.goal_failed - len(gate.goal_misses)
    rest = f" (and {more} more)" if more else ""
    warn(f"--fail-on-goal: {gate.goal_failed} customer(s) missed a metric goal{rest}:")
    for line in gate.goal_misses:
        warn(f"  {visible(line)}")
