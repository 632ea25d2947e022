"""Writing results: to stdout, or atomically to a file that is never an input."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from kundenaudit.errors import UsageError


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
            for chunk in chunks:
                _write(fh, chunk)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise UsageError(f"{target}: cannot write: {exc.strerror}") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _write(out: TextIO, chunk: str | bytes) -> None:
    if isinstance(chunk, str):
        out.write(chunk)
    else:
        out.flush()
        out.buffer.write(chunk)


def _to_stdout(chunks: Iterable[str | bytes]) -> None:
    """Write to stdout; a reader that stops early (``| head``) ends the output quietly."""
    try:
        for chunk in chunks:
            _write(sys.stdout, chunk)
        sys.stdout.flush()
    except BrokenPipeError:
        # point stdout at /dev/null so the interpreter's last flush does not fail again
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
