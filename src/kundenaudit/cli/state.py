"""Process-wide CLI state and the one place that prints errors to stderr."""

from __future__ import annotations

import functools
import os
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NoReturn, TypeVar

import typer

from kundenaudit.model.errors import ExitCode, KundenauditError
from kundenaudit.model.text import no_command_lines, visible

F = TypeVar("F", bound=Callable[..., Any])

ISSUES_HINT = "please report it to the kundenaudit maintainers with the command you ran"


@dataclass(eq=False)
class CliState:
    """Options of the root command."""

    debug: bool = False


STATE = CliState()


def color_wanted(stream: object, no_color: bool) -> bool:
    """Colours on a terminal, or wherever FORCE_COLOR is set (a CI log that shows them);
    never with --no-color or NO_COLOR, which win over FORCE_COLOR."""
    if no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def fail(exc: KundenauditError) -> NoReturn:
    """Print a user error (every finding of it) and exit with its code."""
    if exc.findings:
        say("".join(finding.format() + "\n" for finding in exc.findings))
    else:
        say(f"kundenaudit: error: {visible(exc.message)}\n")
    raise typer.Exit(exc.exit_code)


def say(text: str) -> None:
    """Write to stderr; a full or closed stderr loses the message, never the exit code."""
    try:
        sys.stderr.write(no_command_lines(text))
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass


def report_bug(exc: BaseException) -> NoReturn:
    """An internal error: one line (a traceback with --debug) and exit code 3."""
    if STATE.debug:
        say("".join(traceback.format_exception(exc)))
    say(
        f"kundenaudit: internal error ({type(exc).__name__}: {visible(str(exc))}); this is a bug, "
        f"{ISSUES_HINT} (add --debug for a traceback)\n"
    )
    raise typer.Exit(ExitCode.INTERNAL)


def warn(message: str) -> None:
    """A warning line on stderr (input text in it shown escaped)."""
    say(visible(message) + "\n")


def handled(func: F) -> F:
    """Turn user errors into located messages and bugs into exit code 3."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except KundenauditError as exc:
            fail(exc)
        except KeyboardInterrupt:
            raise typer.Exit(130) from None
        except Exception as exc:
            report_bug(exc)

    return wrapper  # type: ignore[return-value]
