"""Work in forked worker processes: each writes its text to a spool file and sends back a
small picklable result through a pipe.

Forking shares the parent's loaded catalog and records without copying or pickling them; only
the results travel back. Linux only (see `can_fork`); elsewhere callers work in one process.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any


class WorkerError(RuntimeError):
    """A worker process failed; the message carries its traceback (a bug, exit 3)."""


def cpus() -> int:
    """The CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether worker processes can be started here: on Linux. (macOS has fork, but system
    libraries there are not safe to use in a forked child; Windows has none.)"""
    return hasattr(os, "fork") and sys.platform.startswith("linux")


@dataclass(eq=False)
class Worker:
    """A started worker process."""

    pid: int
    result: IO[bytes]  # read end of the pipe its pickled result arrives on
    spool: IO[bytes]  # the text it wrote, readable once it has finished
    done: bool = False


def start(work: Callable[[IO[bytes]], Any]) -> Worker:
    """Run ``work(spool)`` in a forked child; its return value must pickle."""
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed by finish() / stop()
    try:
        read_end, write_end = os.pipe()
    except OSError:
        spool.close()
        raise
    for stream in (sys.stdout, sys.stderr):  # buffered text must not be written twice
        with contextlib.suppress(Exception):
            stream.flush()
    try:
        pid = os.fork()
    except OSError:
        for fd in (read_end, write_end):
            os.close(fd)
        spool.close()
        raise
    if pid == 0:  # pragma: no cover - the child; its work is covered through the parent
        _child(work, spool, read_end, write_end)
    os.close(write_end)
    return Worker(pid, os.fdopen(read_end, "rb"), spool)


def _child(
    work: Callable[[IO[bytes]], Any], spool: IO[bytes], read_end: int, write_end: int
) -> None:
    code = 0
    try:
        os.close(read_end)
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends the child quietly
        try:
            payload: tuple[str, Any] = ("ok", work(spool))
            spool.flush()
        except BaseException as exc:
            payload = ("error", "".join(traceback.format_exception(exc)))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
    except BaseException:
        code = 1
    finally:
        os._exit(code)  # no atexit handlers, no flushing of the parent's buffers


def finish(worker: Worker) -> Any:
    """Wait for the worker's result; its spool is then rewound for reading."""
    with worker.result:
        data = worker.result.read()
    _, status = os.waitpid(worker.pid, 0)
    worker.done = True
    if not data:
        raise WorkerError(f"a worker process ended without a result (wait status {status})")
    kind, value = pickle.loads(data)
    if kind != "ok":
        raise WorkerError(f"a worker process failed:\n{value}")
    worker.spool.seek(0)
    return value


def stop(worker: Worker) -> None:
    """End the worker if it still runs, and release its files."""
    if not worker.done:
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(worker.pid, 0)
        worker.done = True
    for f in (worker.result, worker.spool):
        with contextlib.suppress(OSError):
            f.close()
