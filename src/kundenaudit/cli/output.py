"""Writing results: to stdout, or atomically to a file that is never an input.

The rules of ``-o`` (SPEC §4): the result is written to a temp file beside the target and
renamed onto it, so a failed or interrupted run (SIGTERM included) leaves the old file and no
temp file; a target that is any file the run read (however it was found) is refused; a symlink
is followed only to a regular file (the file it points to is replaced, the link stays); a
read-only file is refused as ``>`` would refuse it.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from kundenaudit.model.errors import UsageError
from kundenaudit.model.text import CommandGuard


def write_output(
    chunks: Iterable[str | bytes],
    target: Path | None,
    inputs: Iterable[Path] = (),
    verbatim: bool = False,
) -> None:
    """Write ``chunks`` to stdout, or to ``target`` via a temp file and rename.

    A chunk is text, or bytes that are UTF-8 already (passed on without decoding). No line of
    the text starts with what a CI log runs as a command (model/text.py), unless ``verbatim``
    (the GitHub annotation format, templates)."""
    if not verbatim:
        chunks = _no_commands(chunks)
    if target is None:
        _to_stdout(chunks)
        return
    real = _check_target(target, inputs)
    directory = real.parent if str(real.parent) else Path(".")
    with _terminated_as_exit():
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=directory)
        except OSError as exc:
            raise UsageError(f"{target}: cannot write there: {exc.strerror}") from exc
        try:
            with contextlib.suppress(OSError):  # mkstemp makes it private; the result is not
                os.chmod(tmp, _mode_for(real))
            _write_file(fd, chunks)
            with _writing():
                os.replace(tmp, real)
        except _WriteError as exc:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise UsageError(f"{target}: cannot write: {exc.strerror}") from exc
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


def _no_commands(chunks: Iterable[str | bytes]) -> Iterator[str | bytes]:
    guard = CommandGuard()
    for chunk in chunks:
        if isinstance(chunk, str):
            yield guard.feed(chunk)
        else:  # JSON bytes: its lines start with a quote, a bracket or blanks
            yield guard.passed(chunk.endswith(b"\n"))
            yield chunk
    yield guard.flush()


def _write_file(fd: int, chunks: Iterable[str | bytes]) -> None:
    """Write and close; a failing close (the last flush on a full disk) is a failing write."""
    fh = os.fdopen(fd, "w", encoding="utf-8", newline="")
    try:
        _write_all(fh, chunks)
        with _writing():
            fh.close()
    finally:
        if not fh.closed:
            with contextlib.suppress(OSError):
                fh.close()


class Terminated(SystemExit):
    """SIGTERM arrived while a result was written: clean up as on Ctrl-C, then exit 143."""


@contextlib.contextmanager
def _terminated_as_exit() -> Iterator[None]:
    """While the block runs, SIGTERM raises Terminated, so the temp file is removed."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def _raise(signum: int, frame: object) -> None:
        raise Terminated(128 + signum)

    previous = signal.signal(signal.SIGTERM, _raise)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _WriteError(Exception):
    """Writing failed (as opposed to making what is written)."""

    def __init__(self, cause: OSError) -> None:
        super().__init__(cause)
        self.strerror = cause.strerror


@contextlib.contextmanager
def _writing() -> Iterator[None]:
    """An OSError in the block becomes a _WriteError; a closed pipe stays BrokenPipeError."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _WriteError(exc) from exc


def _write_all(out: TextIO, chunks: Iterable[str | bytes]) -> None:
    """Write every chunk, then flush. A chunk is text, or UTF-8 bytes passed on as they are;
    an error making a chunk passes unchanged, one writing it is a _WriteError."""
    for chunk in chunks:
        with _writing():
            if isinstance(chunk, str):
                out.write(chunk)
            else:
                out.flush()
                out.buffer.write(chunk)
    with _writing():
        out.flush()


def _to_stdout(chunks: Iterable[str | bytes]) -> None:
    """Write to stdout; a reader that stops early (``| head``) ends the output quietly; a
    full disk or another failing write is a usage error (exit 2), not a bug."""
    try:
        _write_all(sys.stdout, chunks)
    except BrokenPipeError:
        _discard_stdout()
    except _WriteError as exc:
        _discard_stdout()
        raise UsageError(f"cannot write to standard output: {exc.strerror}") from exc


def _discard_stdout() -> None:
    """Point stdout at /dev/null, so the last flush at exit does not fail again."""
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _mode_for(target: Path) -> int:
    """The permissions a written result gets: those of the file it replaces, else what the
    umask allows a new file."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def check_target(target: Path, inputs: Iterable[Path]) -> None:
    """A usage error unless ``target`` may be written (the rules of -o, module docstring)."""
    _check_target(target, inputs)


def _check_target(target: Path, inputs: Iterable[Path]) -> Path:
    """The file to replace (a symlink's target), or a UsageError saying why not."""
    link = target.is_symlink()
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        if link:
            raise UsageError(f"{target}: a symbolic link to nothing; not followed") from None
        st = None
    except OSError as exc:
        raise UsageError(f"{target}: cannot write there: {exc.strerror}") from exc
    real = Path(os.path.realpath(target)) if link else target
    if st is None:
        if str(real.parent) and not real.parent.is_dir():
            raise UsageError(f"{target}: directory {real.parent} does not exist")
        return real
    if not stat.S_ISREG(st.st_mode):
        what = "a symbolic link to something that is not" if link else "not"
        raise UsageError(f"{target}: {what} a regular file; -o writes only regular files")
    if not st.st_mode & stat.S_IWUSR or not os.access(target, os.W_OK):
        raise UsageError(f"{target}: the file is read-only; refusing to replace it")
    for path in inputs:
        if str(path) != "-" and _same_file(path, st):
            raise UsageError(f"{target}: refusing to overwrite an input file")
    return real


def _same_file(path: Path, st: os.stat_result) -> bool:
    try:
        other = os.stat(path)
    except OSError:
        return False
    return (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino)
