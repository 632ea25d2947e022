"""The JSON result of `score`, streamed: each customer is scored, counted into the portfolio
sums and written out in turn, so no scorecard is kept; large portfolios are split into
contiguous parts scored side by side in worker processes.

The output is the same text whatever the split: parts are written in input order, and the
portfolio sums merge exactly (see portfolio.Accumulator).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from typing import IO

from kundenaudit.cli.progress import Bar
from kundenaudit.model.catalog import Catalog
from kundenaudit.model.record import Record
from kundenaudit.model.results import CatalogInfo, CustomerScore
from kundenaudit.model.vocabulary import Ampel
from kundenaudit.render import score_json
from kundenaudit.score import workers as forking
from kundenaudit.score.engine import score_customer
from kundenaudit.score.portfolio import Accumulator

MIN_PART = 2000  # customers a worker process must have to be worth starting
_CHUNK = 1 << 20  # bytes copied at a time from a worker's spool

Verdict = tuple[Ampel, float | None]  # what the gates read of a customer: Ampel and index


@dataclass
class Part:
    """What a part of the portfolio yields besides its text."""

    sums: Accumulator = field(default_factory=Accumulator)
    verdicts: list[Verdict] = field(default_factory=list)


@dataclass(frozen=True)
class Job:
    """Everything scoring a customer needs besides its record."""

    cat: Catalog
    today: dt.date
    segment: str | None


def plan_parts(n: int, jobs: int, min_part: int = MIN_PART) -> list[range]:
    """Contiguous index ranges: as many as ``jobs`` allows with at least ``min_part`` each."""
    count = max(1, min(jobs, n // max(min_part, 1)))
    bounds = [n * i // count for i in range(count + 1)]
    return [range(bounds[i], bounds[i + 1]) for i in range(count)]


def document(
    job: Job,
    records: list[Record],
    verdicts: list[Verdict],
    jobs: int = 1,
    bar: Bar | None = None,
    min_part: int | None = None,
) -> Generator[str | bytes, None, None]:
    """The JSON document in chunks (bytes are UTF-8 text); ``verdicts`` receives every
    customer's Ampel and index, in input order.

    The first part is scored here while workers score the others; a part whose worker cannot
    be started (no fork, a resource limit) is scored here too, in its turn."""
    cat = job.cat
    spec = cat.spec
    yield score_json.head(CatalogInfo(spec.name, spec.source, spec.version), job.today)
    total = len(records)
    parts = plan_parts(
        total, jobs if forking.can_fork() else 1, MIN_PART if min_part is None else min_part
    )
    if bar is not None:
        bar.stage("progress_score", total)
        bar.close()  # no drawing thread may run while forking; the bar reappears by itself
    workers = [None, *(_start(job, records, rng, total) for rng in parts[1:])]
    sums = Accumulator()
    lines = score_json.CustomerLines(total)
    try:
        for rng, worker in zip(parts, workers, strict=True):
            if worker is None:
                part = Part(sums, verdicts)
                for n, i in enumerate(rng, 1):
                    yield lines.next(_score_into(job, records[i], part))
                    if bar is not None and n % 200 == 0:  # the parts advance alike
                        bar.advance(200 * len(parts))
            else:
                theirs: Part = forking.finish(worker)
                sums.merge(theirs.sums)
                verdicts += theirs.verdicts
                lines.first = False
                yield from _spooled(worker.spool)
    finally:
        for worker in workers:
            if worker is not None:
                forking.stop(worker)
    yield score_json.tail(sums.result(cat))


def _start(job: Job, records: list[Record], rng: range, total: int) -> forking.Worker | None:
    """A worker scoring ``records[rng]``; None when none can be started."""
    try:
        return forking.start(_spooler(job, records, rng, total))
    except OSError:
        return None


def _score_into(job: Job, rec: Record, part: Part) -> CustomerScore:
    s = score_customer(job.cat, rec, job.today, job.segment)
    part.sums.add(s)
    part.verdicts.append((s.status, s.index))
    return s


def _spooler(
    job: Job, records: list[Record], rng: range, total: int
) -> Callable[[IO[bytes]], Part]:
    """The work of a worker process: score ``records[rng]`` and spool their JSON lines."""

    def work(spool: IO[bytes]) -> Part:
        part = Part()
        lines = score_json.CustomerLines(total, first=False)
        out = io.TextIOWrapper(spool, encoding="utf-8")
        for i in rng:
            out.write(lines.next(_score_into(job, records[i], part)))
        out.flush()
        out.detach()  # the spool stays open for the parent to read
        return part

    return work


def _spooled(spool: IO[bytes]) -> Iterator[bytes]:
    """A worker's text as it wrote it: UTF-8 bytes, passed on undecoded."""
    while chunk := spool.read(_CHUNK):
        yield chunk
