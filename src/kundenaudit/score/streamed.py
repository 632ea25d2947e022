"""Scoring while the inputs are read, so memory stays flat however large the portfolio.

The loader hands each customer's record on as soon as it is complete (load/stream.py); it is
scored at once, counted into the portfolio sums and the gate, and its text (as the format
writes a portfolio of many customers) goes to a spool file; the record is let go. Nothing is
written before the inputs are read to the end without an error: a bad input still writes
nothing. The first ``hold`` records are held back, so a portfolio of up to ``hold`` customers
(indented JSON) is scored by the ordinary `Scoring` over the records, as without streaming.

When the loader finds a customer spread over its input, `score_while_reading` gives None and
the caller loads the inputs whole.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable, Iterator
from typing import IO, Any

from kundenaudit.load.csv.stream import Emit, SpreadCustomers
from kundenaudit.model.errors import Finding
from kundenaudit.model.progress import NO_PROGRESS, Progress
from kundenaudit.model.record import Record
from kundenaudit.score.gate import Gate
from kundenaudit.score.pipeline import Encoder, EncoderFactory, Job, Part, Scoring, _spooled
from kundenaudit.score.portfolio import Accumulator

Load = Callable[[Emit], list[Finding]]
"""Hands every record to the callback; the warnings (raises on bad input)."""


class Spooled(Scoring):
    """A run scored while its inputs were read: the customers' text waits in a spool."""

    def __init__(
        self, job: Job, gate: Gate, part: Part, spools: list[IO[bytes]], total: int
    ) -> None:
        super().__init__(job, [], gate=gate)
        self._part = part
        self._spools = spools  # written in this order
        self._total = total

    @property
    def total(self) -> int:
        return self._total

    def scores(self) -> Iterator[Any]:
        raise RuntimeError("a run scored while its inputs were read keeps no scorecards")

    def texts(self, encoder: EncoderFactory) -> Iterator[str | bytes]:
        """The customers' text as it was made while reading (``encoder`` made it then)."""
        self._begin()
        try:
            for spool in self._spools:
                spool.seek(0)
                yield from _spooled(spool)
        finally:
            self.close()
        self._done = True

    def close(self) -> None:
        """Let go of the spools (also when the text is never read)."""
        for spool in self._spools:
            spool.close()

    def finish(self) -> None:
        """Every customer was scored while reading: the gate has seen them all."""
        self._done = True


def score_while_reading(
    job: Job,
    load: Load,
    encoder: EncoderFactory,
    gate: Gate,
    progress: Progress = NO_PROGRESS,
    jobs: int = 1,
    hold: int = 50,
) -> tuple[Scoring, list[Finding]] | None:
    """The scoring run of the records ``load`` hands on, and the load's warnings; None when
    a customer is spread over an input. ``encoder`` makes each customer's text as the format
    writes it for a portfolio of more than ``hold`` customers."""
    held: list[Record] = []
    part = Part(Accumulator(), gate)
    cat, segment = job.cat, job.segment
    out: io.TextIOWrapper | None = None
    spool: IO[bytes] | None = None
    encode: Encoder | None = None
    count = skipped = 0

    def add(rec: Record) -> None:
        nonlocal out, spool, encode, count, skipped
        count += 1
        if out is None:
            held.append(rec)
            if len(held) <= hold:
                return
            spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed by Spooled or below
            out = io.TextIOWrapper(spool, encoding="utf-8")
            encode = encoder(True)
            pending = list(held)
            held.clear()
        else:
            pending = [rec]
        assert encode is not None
        for r in pending:
            # a record the loader could not give a known segment is an error it reports at the
            # end (nothing is written then); it cannot be scored meanwhile
            if (segment or r.segment or "") in cat.segments:
                out.write(encode(part.add(job, r)))
            else:
                skipped += 1

    try:
        findings = load(add)
    except SpreadCustomers:
        if out is not None:
            out.close()
        return None
    except BaseException:
        if out is not None:
            out.close()
        raise
    if out is None:
        return Scoring(job, held, gate=gate, progress=progress, jobs=jobs), findings
    if skipped:
        out.close()
        raise RuntimeError(f"{skipped} records without a known segment passed the load")
    out.flush()
    out.detach()
    assert spool is not None
    return Spooled(job, gate, part, [spool], count), findings
