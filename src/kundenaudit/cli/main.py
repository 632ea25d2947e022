"""The console script: run the typer app and end the process with its exit code."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys

from kundenaudit.cli.app import app
from kundenaudit.model.errors import ExitCode


def main() -> None:
    """Console-script entry point."""
    guard_standard_streams()
    try:
        app()
    except SystemExit as exc:
        code = exc.code
        if code is None:
            code = ExitCode.OK
        if not isinstance(code, int):
            raise
        if code < 0:  # never hand a negative code to the shell
            code = ExitCode.INTERNAL
        _exit_now(code)


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
