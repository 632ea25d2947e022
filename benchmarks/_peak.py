"""Run one command; write its wall time, peak RSS (KiB) and exit code to a report file.

    python -I -S benchmarks/_peak.py REPORT CMD [ARG...]

Linux records in a child's ru_maxrss the RSS of the process it was spawned from, so a child
started straight from a benchmark that holds data or imported modules would report that too.
This helper starts small (no site, standard library only), so the figure is the command's own.
"""

import os
import sys
import time


def main() -> None:
    report, cmd = sys.argv[1], sys.argv[2:]
    start = time.perf_counter()
    pid = os.posix_spawnp(cmd[0], cmd, os.environ)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    with open(report, "w", encoding="ascii") as f:
        f.write(f"{seconds!r} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}\n")


if __name__ == "__main__":
    main()
