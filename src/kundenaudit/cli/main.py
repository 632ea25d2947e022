"""The console script: run the typer app and end the process with its exit code."""

from __future__ import annotations

import contextlib
import copy
import errno
import io
import os
import sys
from collections.abc import Sequence

import typer
import typer.main

from kundenaudit.cli.app import app
from kundenaudit.model.errors import ExitCode


def main() -> None:
    """Console-script entry point."""
    # kundenaudit uses no pydantic plugins; without this, pydantic scans the entry points of
    # every installed distribution for them when the first model is built (README, Start-up)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    guard_standard_streams()
    try:
        for_command(app, sys.argv[1:])()
    except SystemExit as exc:
        code = exc.code
        if code is None:
            code = ExitCode.OK
        if not isinstance(code, int):
            raise
        if code < 0:  # never hand a negative code to the shell
            code = ExitCode.INTERNAL
        _exit_now(code)


def for_command(whole: typer.Typer, args: Sequence[str]) -> typer.Typer:
    """The app with only the command that ``args`` run, when they name one; else ``whole``.

    typer builds the click command of every registered command (signature, type hints, help
    texts) before it runs one; for one ``score`` that was about a tenth of the run. The options
    of the root are all flags, so the first argument that is not an option (``-`` is none)
    names the command.
    Without one (``--help``, no arguments) or with an unknown name (its did-you-mean lists the
    commands) every command is built.
    """
    name = next((a for a in args if a == "-" or not a.startswith("-")), None)
    chosen = [c for c in whole.registered_commands if command_name(c) == name]
    if not chosen:
        return whole
    lean = copy.copy(whole)
    lean.registered_commands = chosen
    return lean


def command_name(info: typer.models.CommandInfo) -> str | None:
    """The name a command is called by, as typer derives it."""
    if info.name is not None:
        return info.name
    callback = info.callback
    return typer.main.get_command_name(callback.__name__) if callback is not None else None


class _ClosedRaw(io.RawIOBase):
    """Standard output that was closed before we started: every write fails, with a reason."""

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def guard_standard_streams() -> None:
    """Give a closed standard stream a stand-in, so nothing fails on it by surprise.

    Its descriptor gets /dev/null, so no file opened later takes its number. A closed stdin
    reads as closed ('-' is a usage error); a closed stdout fails every write (a usage error,
    exit 2; ``-o`` still works); a closed stderr swallows messages (the result still comes).
    """
    closed = []
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            os.open(os.devnull, os.O_RDONLY if fd == 0 else os.O_WRONLY)  # takes number fd
            closed.append(fd)
    if 0 in closed:
        sys.stdin = None  # read_bytes says it is closed
    if 1 in closed:
        sys.stdout = io.TextIOWrapper(io.BufferedWriter(_ClosedRaw()), encoding="utf-8")
    if 2 in closed:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the whole run


def _exit_now(code: int) -> None:
    """Flush the standard streams and end the process without the interpreter's teardown.

    Every file has been written and closed by now; the teardown would only free the objects
    of a large portfolio one by one (about 40 ms for 10,000 customers), which the operating
    system does at once. Output that cannot be flushed is exit 2 (never 3); messages that
    cannot be (a full or closed stderr) change nothing."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader is gone (| head): nothing left to say to it
        pass
    except (OSError, ValueError, AttributeError):
        code = code or ExitCode.USAGE
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.flush()
    os._exit(code)
