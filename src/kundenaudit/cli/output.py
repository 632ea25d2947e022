"""Writing results: to stdout, or atomically to a file that is never an input."""

from __future__ import annotations

import contextlib
import io
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from kundenaudit.model.errors import UsageError


def write_output(
    chunks: Iterable[str | bytes], target: Path | None, inputs: Iterable[Path] = ()
) -> None:
    """Write ``chunks`` to stdout, or to ``target`` via a temp file and rename.

    A chunk is text, or bytes that are UTF-8 already (passed on without decoding)."""
    if target is None:
        _to_stdout(chunks)
        return
    _check_target(target, inputs)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise UsageError(f"{target}: cannot write there: {exc.strerror}") from exc
    with contextlib.suppress(OSError):  # mkstemp makes it private; the result is not
        os.chmod(tmp, _mode_for(target))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            _write_all(fh, chunks)
        with _writing():
            os.replace(tmp, target)
    except _WriteError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise UsageError(f"{target}: cannot write: {exc.strerror}") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


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
    """A usage error unless ``target`` may be written: a regular file (or none yet) in an
    existing directory, and none of ``inputs``."""
    _check_target(target, inputs)


def _check_target(target: Path, inputs: Iterable[Path]) -> None:
    if target.exists() and not target.is_file():
        raise UsageError(f"{target}: output must be a regular file")
    if not target.parent.is_dir() and str(target.parent):
        raise UsageError(f"{target}: directory {target.parent} does not exist")
    resolved = target.resolve()
    for path in inputs:
        if str(path) != "-" and path.exists() and _same(path, resolved):
            raise UsageError(f"{target}: refusing to overwrite an input file")


def _same(path: Path, resolved: Path) -> bool:
    try:
        return path.resolve() == resolved or (resolved.exists() and path.samefile(resolved))
    except OSError:
        return False
