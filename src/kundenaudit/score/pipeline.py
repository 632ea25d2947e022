"""One run of `score` over a portfolio: customers are scored in input order and streamed to the
renderer that reads the run, counted into the portfolio sums and checked by the gate on the way,
so no renderer and no command needs a path of its own.

A renderer reads a run once, in one of two ways: :meth:`Scoring.scores` gives the scorecards
(for renderers that need the whole portfolio, e.g. sorted); :meth:`Scoring.texts` gives each
customer's text as an ``Encoder`` makes it, and splits a large portfolio into contiguous parts
scored side by side in worker processes (forked: they share the catalog and records), each
writing its customers' text to a spool. The text is the same whatever the split: parts are
written in input order, the portfolio sums and the gate merge exactly.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO

from kundenaudit.model.catalog import Catalog
from kundenaudit.model.progress import NO_PROGRESS, Progress
from kundenaudit.model.record import Record
from kundenaudit.model.results import (
    RESULT_VERSION,
    CatalogInfo,
    CustomerScore,
    Portfolio,
    ResultDocument,
)
from kundenaudit.score import workers as forking
from kundenaudit.score.engine import score_customer
from kundenaudit.score.gate import Gate
from kundenaudit.score.portfolio import Accumulator

MIN_PART = 2000  # customers a worker process must have to be worth starting
ROWS_PER_CUSTOMER = 40  # ... counted as rows (services): MIN_PART customers of 40 services
_CHUNK = 1 << 20  # bytes copied at a time from a worker's spool

Encoder = Callable[[CustomerScore], str]
"""A customer's text, with whatever separates it from the one before."""
EncoderFactory = Callable[[bool], Encoder]
"""An encoder for a run of customers; the flag tells whether the run opens the output."""


@dataclass(frozen=True, eq=False)
class Job:
    """Everything scoring a customer needs besides its record; the catalog's description for
    the result is made once, here."""

    cat: Catalog
    today: dt.date
    segment: str | None = None
    info: CatalogInfo = field(init=False)

    def __post_init__(self) -> None:
        cat = self.cat
        object.__setattr__(self, "info", CatalogInfo(cat.name, cat.source, cat.version))


@dataclass(eq=False)
class Part:
    """What scoring a part of the portfolio yields besides its scorecards or text."""

    sums: Accumulator
    gate: Gate

    def add(self, job: Job, rec: Record) -> CustomerScore:
        s = score_customer(job.cat, rec, job.today, job.segment)
        self.sums.add(s)
        self.gate.check(s)
        return s


def plan_rows(sizes: list[int], jobs: int, min_rows: int) -> list[range]:
    """Contiguous index ranges of about equal rows (``sizes``: each record's services), as
    many as ``jobs`` allows with at least ``min_rows`` each: the work of scoring grows with the
    rows, so 1,000 customers of 989 services are split as 25,000 of 40 are."""
    total = sum(sizes)
    count = max(1, min(jobs, total // max(min_rows, 1), len(sizes)))
    bounds, acc, i = [0], 0, 0
    for k in range(1, count):
        target = total * k // count
        while i < len(sizes) and acc + sizes[i] <= target:
            acc += sizes[i]
            i += 1
        bounds.append(max(i, bounds[-1]))
    bounds.append(len(sizes))
    parts = [range(bounds[j], bounds[j + 1]) for j in range(count)]
    return [p for p in parts if p] or [range(len(sizes))]  # no empty part


def plan_parts(n: int, jobs: int, min_part: int = MIN_PART) -> list[range]:
    """Contiguous index ranges: as many as ``jobs`` allows with at least ``min_part`` each."""
    count = max(1, min(jobs, n // max(min_part, 1)))
    bounds = [n * i // count for i in range(count + 1)]
    return [range(bounds[i], bounds[i + 1]) for i in range(count)]


class Scoring:
    """The scoring of ``records``, read once by a renderer. ``gate`` sees every customer;
    ``progress`` hears of the customers scored; ``jobs`` processes may score side by side when
    the text is asked for."""

    def __init__(
        self,
        job: Job,
        records: list[Record],
        *,
        gate: Gate | None = None,
        progress: Progress = NO_PROGRESS,
        jobs: int = 1,
        min_part: int | None = None,  # None: MIN_PART
    ) -> None:
        self.job = job
        self.records = records
        self.gate = gate if gate is not None else Gate()
        self.progress = progress
        self.jobs = jobs
        self.min_part = min_part
        self._part = Part(Accumulator(), self.gate)
        self._read = False
        self._done = False
        self.collected: ResultDocument | None = None  # what document() returned

    @property
    def total(self) -> int:
        """The number of customers."""
        return len(self.records)

    def scores(self) -> Iterator[CustomerScore]:
        """Every scorecard, in input order, scored here."""
        self._begin()
        self.progress.stage("progress_score", self.total)
        add, job, part = Part.add, self.job, self._part
        for n, rec in enumerate(self.records, 1):
            yield add(part, job, rec)
            if n % 500 == 0:
                self.progress.advance(500)
        self._done = True

    def texts(self, encoder: EncoderFactory) -> Iterator[str | bytes]:
        """Every customer's text in input order (bytes are UTF-8 text from a worker).

        The first part is scored here while workers score the others; a part whose worker
        cannot be started (no fork, a resource limit) is scored here too, in its turn. Closing
        the iterator early stops the workers."""
        self._begin()
        total = self.total
        jobs = self.jobs if forking.can_fork() else 1
        min_part = MIN_PART if self.min_part is None else self.min_part
        sizes = [len(r.services) or 1 for r in self.records]
        parts = plan_rows(sizes, jobs, ROWS_PER_CUSTOMER * min_part)
        self.progress.stage("progress_score", total)
        self.progress.pause()  # no drawing thread may run while forking
        workers = [None, *(self._start(encoder, rng) for rng in parts[1:])]
        encode, part, job = encoder(True), self._part, self.job
        try:
            for rng, worker in zip(parts, workers, strict=True):
                if worker is None:
                    for n, i in enumerate(rng, 1):
                        yield encode(part.add(job, self.records[i]))
                        if n % 200 == 0:  # the parts advance alike
                            self.progress.advance(200 * len(parts))
                else:
                    theirs: Part = forking.finish(worker)
                    part.sums.merge(theirs.sums)
                    part.gate.merge(theirs.gate)
                    yield from _spooled(worker.spool)
        finally:
            for worker in workers:
                if worker is not None:
                    forking.stop(worker)
        self._done = True

    def document(self) -> ResultDocument:
        """The whole result, every scorecard kept (for renderers that need it all)."""
        scores = list(self.scores())
        job = self.job
        self.collected = ResultDocument(
            kundenaudit=RESULT_VERSION,
            catalog=job.info,
            today=job.today,
            customers=scores,
            portfolio=self.portfolio(),
        )
        return self.collected

    def portfolio(self, top: int = 10) -> Portfolio:
        """The portfolio sums, once every customer is scored."""
        self.finish()
        return self._part.sums.result(self.job.cat, top)

    def finish(self) -> None:
        """Score what no reader asked for (one that stopped early: ``| head``), so the gate
        sees every customer."""
        if not self._done:
            if self._read:
                raise RuntimeError("a scoring run was left half read")
            for _ in self.scores():
                pass

    def _begin(self) -> None:
        if self._read:
            raise RuntimeError("a scoring run is read once")
        self._read = True

    def _start(self, encoder: EncoderFactory, rng: range) -> forking.Worker | None:
        """A worker scoring ``records[rng]``; None when none can be started."""
        try:
            return forking.start(_spooler(self.job, self.records, rng, self.gate, encoder))
        except OSError:
            return None


def _spooler(
    job: Job, records: list[Record], rng: range, gate: Gate, encoder: EncoderFactory
) -> Callable[[IO[bytes]], Part]:
    """The work of a worker process: score ``records[rng]`` and spool their text."""

    def work(spool: IO[bytes]) -> Part:
        part = Part(Accumulator(), gate.fresh())
        encode = encoder(False)
        out = io.TextIOWrapper(spool, encoding="utf-8")
        for i in rng:
            out.write(encode(part.add(job, records[i])))
        out.flush()
        out.detach()  # the spool stays open for the parent to read
        return part

    return work


def _spooled(spool: IO[bytes]) -> Iterator[bytes]:
    """A worker's text as it wrote it: UTF-8 bytes, passed on undecoded."""
    while chunk := spool.read(_CHUNK):
        yield chunk
