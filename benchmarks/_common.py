"""Shared benchmark helpers: child-process timing and peak memory, ratio tables, data generators.

Every figure is a ratio against a baseline measured in the same run, so the benchmarks stay
meaningful on shared, noisy machines. Time is the best of N runs; peak memory (ru_maxrss of
the child process alone, via os.wait4 in the helper `_peak.py`) is the median of N runs.
Candidate and baseline runs alternate, after one unmeasured warm-up run each (page cache, .pyc).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
BENCH = ROOT / "benchmarks"

LEVELS = ("muss", "soll", "kann")
STATUSES = ("erfuellt", "teilweise", "nicht_erfuellt", "offen", "entbehrlich")


# --------------------------------------------------------------------------- running children


def child_env() -> dict[str, str]:
    """Environment for every child: the working tree's src/ first, no colour, fixed width."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH", "")) if p)
    env["NO_COLOR"] = "1"
    env["COLUMNS"] = "100"
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def use_working_tree() -> None:
    """Import kundenaudit from the working tree's src/ in this process too (as children do)."""
    if str(SRC) not in sys.path:
        sys.path.insert(0, str(SRC))


def tool(*args: str) -> list[str]:
    """The command line that runs kundenaudit from the working tree."""
    return [sys.executable, "-m", "kundenaudit", *args]


# kundenaudit from a given source tree, ahead of anything else on sys.path
TREE_LAUNCHER = (
    "import runpy, sys\n"
    "sys.path.insert(0, sys.argv.pop(1))\n"
    "sys.argv[0] = 'kundenaudit'\n"
    "runpy.run_module('kundenaudit', run_name='__main__', alter_sys=True)"
)


def tool_from(src: Path, *args: str) -> list[str]:
    """The command line that runs the kundenaudit of another source tree's ``src/``.

    Used by ``--compare-src``; for a fair before/after comparison the working tree is then run
    the same way (``tool_from(SRC, ...)``), so both pay the same launcher.
    """
    return py(TREE_LAUNCHER, str(src), *args)


def py(code: str, *args: str) -> list[str]:
    """The command line that runs a Python snippet with the same interpreter."""
    return [sys.executable, "-c", code, *args]


class ChildFailed(RuntimeError):
    """A measured command exited with an unexpected code."""


@dataclass(frozen=True)
class Run:
    """One finished child process."""

    seconds: float
    maxrss_kib: int
    returncode: int
    stderr: str


def run_child(cmd: Sequence[str], stdout: Path | None = None) -> Run:
    """Run ``cmd`` once through the small helper ``_peak.py``: wall time, own peak RSS, code."""
    with tempfile.TemporaryDirectory(prefix="kundenaudit-peak-") as tmp:
        report, errfile = Path(tmp) / "report", Path(tmp) / "stderr"
        helper = [sys.executable, "-I", "-S", str(BENCH / "_peak.py"), str(report), *cmd]
        with open(stdout or os.devnull, "wb") as out, open(errfile, "wb") as err:
            code = subprocess.call(helper, stdout=out, stderr=err, env=child_env())
        stderr = errfile.read_text(encoding="utf-8", errors="replace")
        if code or not report.exists():
            raise ChildFailed(f"benchmarks/_peak.py failed (exit {code}): {stderr[-2000:]}")
        seconds, maxrss, returncode = report.read_text(encoding="ascii").split()
    return Run(float(seconds), int(maxrss), int(returncode), stderr)


def checked(run: Run, cmd: Sequence[str], ok_codes: Sequence[int] = (0,)) -> Run:
    """Return ``run`` or raise with the command and the tail of its stderr."""
    if run.returncode not in ok_codes:
        tail = "\n".join(run.stderr.splitlines()[-15:])
        raise ChildFailed(f"exit {run.returncode}: {' '.join(map(str, cmd))}\n{tail}")
    return run


@dataclass(frozen=True)
class Stats:
    """Summary of N runs of one command."""

    best_s: float
    peak_mib: float  # median over the runs of each run's ru_maxrss


def _summarise(runs: list[Run]) -> Stats:
    mib = statistics.median(r.maxrss_kib for r in runs) / 1024
    return Stats(min(r.seconds for r in runs), mib)


def measure_pair(
    candidate: Sequence[str],
    baseline: Sequence[str],
    repeat: int,
    *,
    cand_out: Path | None = None,
    base_out: Path | None = None,
    ok_codes: Sequence[int] = (0,),
) -> tuple[Stats, Stats]:
    """Warm up, then alternate candidate and baseline ``repeat`` times each."""
    checked(run_child(candidate, cand_out), candidate, ok_codes)  # warm-up
    checked(run_child(baseline, base_out), baseline)
    cand: list[Run] = []
    base: list[Run] = []
    for _ in range(repeat):
        cand.append(checked(run_child(candidate, cand_out), candidate, ok_codes))
        base.append(checked(run_child(baseline, base_out), baseline))
    return _summarise(cand), _summarise(base)


def best_of(fn: Callable[[], object], repeat: int) -> float:
    """Best wall time of ``repeat`` in-process calls of ``fn`` (after one warm-up call)."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


# --------------------------------------------------------------------------- reporting


@dataclass(frozen=True)
class Row:
    """One line of the result table; ``target`` None means for information only."""

    metric: str
    candidate: float
    baseline: float
    unit: str
    target: float | None = None

    @property
    def ratio(self) -> float:
        return self.candidate / self.baseline if self.baseline else float("inf")

    @property
    def ok(self) -> bool | None:
        return None if self.target is None else self.ratio <= self.target


@dataclass(frozen=True)
class Check:
    """A yes/no requirement that is not a ratio (e.g. a module that must not be imported)."""

    metric: str
    passed: bool
    detail: str


def print_table(rows: Sequence[Row], checks: Sequence[Check] = ()) -> None:
    """Print ``metric  candidate  baseline  ratio  target  ok`` and the yes/no checks."""
    width = max([len(r.metric) for r in rows] + [len(c.metric) for c in checks] + [6])
    print(
        f"{'metric':<{width}}  {'candidate':>12}  {'baseline':>12}  {'ratio':>6}  {'target':>7}  ok"
    )
    for r in rows:
        target = f"<={r.target:.2f}" if r.target is not None else "info"
        ok = {None: "-", True: "yes", False: "NO"}[r.ok]
        print(
            f"{r.metric:<{width}}  {_fmt(r.candidate, r.unit):>12}  "
            f"{_fmt(r.baseline, r.unit):>12}  {r.ratio:>6.2f}  {target:>7}  {ok}"
        )
    for c in checks:
        print(
            f"{c.metric:<{width}}  {c.detail:>12}  {'':>12}  {'':>6}  {'check':>7}  "
            f"{'yes' if c.passed else 'NO'}"
        )


def _fmt(value: float, unit: str) -> str:
    return f"{value:.3f} {unit}" if unit == "s" else f"{value:.1f} {unit}"


def report(rows: Sequence[Row], checks: Sequence[Check], check: bool) -> int:
    """Print the table; exit code 1 when a target or check is missed (unless ``--no-check``)."""
    print_table(rows, checks)
    sys.stdout.flush()
    missed = [r.metric for r in rows if r.ok is False] + [c.metric for c in checks if not c.passed]
    if not missed:
        return 0
    print(f"missed: {', '.join(missed)}", file=sys.stderr)
    if check:
        return 1
    print("(--no-check: not failing)", file=sys.stderr)
    return 0


def parser(description: str | None) -> argparse.ArgumentParser:
    """Argument parser with the options every benchmark shares."""
    p = argparse.ArgumentParser(description=(description or "").split("\n\n")[0])
    p.add_argument("--repeat", type=_positive, default=5, help="measured runs (default 5)")
    p.add_argument("--no-check", action="store_true", help="only print, never fail on a target")
    return p


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


@contextmanager
def workdir() -> Iterator[Path]:
    """A temporary directory for generated data (never inside the repository)."""
    with tempfile.TemporaryDirectory(prefix="kundenaudit-bench-") as d:
        yield Path(d)


def main_guard(fn: Callable[[], int]) -> None:
    """Run a benchmark's main; a failing child is reported in one message, exit 2."""
    try:
        sys.exit(fn())
    except ChildFailed as exc:
        print(f"benchmark aborted, a command failed: {exc}", file=sys.stderr)
        sys.exit(2)


# --------------------------------------------------------------------------- data generators


def _q(text: str) -> str:
    """A double-quoted YAML scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def validate_catalog(n_services: int = 1000, n_segments: int = 10, seed: int = 1) -> str:
    """A large valid catalog (SPEC §2.1): extends chains, goals, per-segment flow-map levels."""
    rnd = random.Random(seed)
    segs = [f"seg{i}" for i in range(n_segments)]
    svcs = [f"svc{i:04d}" for i in range(n_services)]
    out = [
        "kundenaudit: 1",
        "name: Benchmarkkatalog Großhandel",
        'version: "2026.1"',
        "source: generiert für bench_validate",
        "language: de",
        "review_interval_days: 365",
        "weights: {muss: 3, soll: 2, kann: 1}",
        "segments:",
    ]
    for i, seg in enumerate(segs):
        out += [f"  - id: {seg}", f"    name: Segment {i} ({rnd.choice(['A', 'B', 'C'])}-Kunden)"]
        if i % 3:  # chains seg0 <- seg1 <- seg2, seg3 <- seg4 <- seg5, ...
            out.append(f"    extends: {segs[i - 1]}")
        out += ["    goals:", f"      - {{level: soll, min: {rnd.randint(50, 90)}}}"]
        if i % 2:
            out.append(f"      - {{level: kann, min: {rnd.randint(20, 60)}, by: 2027-06-30}}")
        picks = ", ".join(rnd.sample(svcs, 3))
        out.append(f"      - {{services: [{picks}], min: 100, by: 2027-12-31}}")
    out.append("services:")
    for i, svc in enumerate(svcs):
        level = rnd.choice(LEVELS)
        overrides = {s: rnd.choice((*LEVELS, "entfaellt")) for s in rnd.sample(segs, i % 4)}
        levels = ", ".join(f"{s}: {v}" for s, v in overrides.items())
        out += [
            f"  - id: {svc}",
            f"    name: Leistung Nummer {i}",
            f"    ref: VK-{i // 100}.{i % 100}",
            f"    category: {rnd.choice(['Angebot', 'Abwicklung', 'Service', 'Information'])}",
            "    description: >-",
            f"      Beschreibung der Leistung {i}: was der Kunde erwartet, wer sie erbringt",
            "      und woran man erkennt, dass sie erbracht wurde.",
            f"    level: {level}",
            f"    levels: {{{levels}}}",
            f"    weight: {rnd.choice(['1', '2', '0.5', '1.5', '3'])}",
            f"    effort: {rnd.randint(1, 5)}",
            f"    competition: {rnd.choice(['some', 'none'])}",
            f"    action: {_q(f'Leistung {i} verbindlich regeln: Zuständigkeit, Frist, Nachweis')}",
            f"    reviewed: 2025-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
        ]
    return "\n".join(out) + "\n"


@dataclass(frozen=True)
class Delivery:
    """One customer x service row of a generated portfolio."""

    customer: str
    name: str  # per-customer cells, repeated on each of the customer's rows as exports do
    value: int
    segment: str
    service: str
    status: str
    degree: float | None
    reason: str | None


PORTFOLIO_SEGMENTS = ("schluessel", "standard", "gelegenheit")


def portfolio_catalog(n_services: int = 40, seed: int = 2) -> str:
    """The catalog for the portfolio: 3 segments, some `entfaellt`, mixed (level) weights."""
    rnd = random.Random(seed)
    out = [
        "kundenaudit: 1",
        "name: Benchmark-Portfolio",
        "weights: {muss: 4, soll: 2, kann: 1}",
        "segments:",
    ]
    for seg in PORTFOLIO_SEGMENTS:
        out += [
            f"  - id: {seg}",
            f"    name: {seg.capitalize()}kunde",
            "    goals:",
            "      - {level: soll, min: 70}",
        ]
    out.append("services:")
    for i in range(n_services):
        levels = {
            s: rnd.choice(("soll", "kann", "entfaellt"))
            for s in PORTFOLIO_SEGMENTS
            if rnd.random() < 0.35
        }
        out += [
            f"  - id: l{i:02d}",
            f"    name: Leistung {i}",
            f"    level: {rnd.choice(LEVELS)}",
            "    levels: {" + ", ".join(f"{s}: {v}" for s, v in levels.items()) + "}",
            f"    weight: {rnd.choice(['1', '2', '0.5', '3'])}",
            f"    competition: {'standard' if i % 9 == 0 else rnd.choice(['some', 'none'])}",
            f"    action: Leistung {i} sicherstellen",
            "    reviewed: 2025-06-01",
        ]
    return "\n".join(out) + "\n"


def deliveries(n_customers: int, n_services: int = 40, seed: int = 3) -> Iterator[Delivery]:
    """Every customer x every service, all five statuses (teilweise with and without degree)."""
    rnd = random.Random(seed)
    weights = (55, 12, 15, 10, 8)
    for c in range(n_customers):
        cust = f"K-{c:06d}"
        name, value = f"Firma {cust} GmbH & Co. KG", 1000 * (1 + (c * 7919) % 997)
        seg = PORTFOLIO_SEGMENTS[c % len(PORTFOLIO_SEGMENTS)]
        statuses = rnd.choices(STATUSES, weights, k=n_services)
        for s, status in enumerate(statuses):
            degree = reason = None
            if status == "teilweise" and rnd.random() < 0.8:
                degree = rnd.choice((0.1, 0.25, 0.3, 0.6, 0.75, 0.9))
            elif status == "entbehrlich":
                reason = rnd.choice(("Kunde wünscht das nicht", "laut Vertrag, Anlage 2, nicht"))
            yield Delivery(cust, name, value, seg, f"l{s:02d}", status, degree, reason)


def write_csv(path: Path, rows: Iterator[Delivery]) -> None:
    """Long CSV (SPEC §2.3): customer,name,segment,value,service,status,degree,reason."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(
            ["customer", "name", "segment", "value", "service", "status", "degree", "reason"]
        )
        for d in rows:
            w.writerow(
                [
                    d.customer,
                    d.name,
                    d.segment,
                    d.value,
                    d.service,
                    d.status,
                    "" if d.degree is None else d.degree,
                    d.reason or "",
                ]
            )


def write_yaml_docs(path: Path, rows: Iterator[Delivery]) -> None:
    """The same portfolio as one customer record (SPEC §2.2) per YAML document."""
    buf = io.StringIO()
    current = None
    for d in rows:
        if d.customer != current:
            if current is not None:
                buf.write("---\n")
            current = d.customer
            buf.write(
                f"kundenaudit: 1\ncustomer:\n  id: {d.customer}\n  name: {_q(d.name)}"
                f"\n  segment: {d.segment}\n  value: {d.value}\naudited: 2026-11-20\nservices:\n"
            )
        if d.degree is not None:
            buf.write(f"  {d.service}: {{status: teilweise, degree: {d.degree}}}\n")
        elif d.reason is not None:
            buf.write(f"  {d.service}: {{status: entbehrlich, reason: {_q(d.reason)}}}\n")
        else:
            buf.write(f"  {d.service}: {d.status}\n")
    path.write_text(buf.getvalue(), encoding="utf-8")
