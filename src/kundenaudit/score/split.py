"""One large CSV export read and scored by two processes at once, each a half of the file.

The file is cut at a customer boundary (load/csv/ranges.py); a forked worker reads, checks and
scores the second half while this process does the first, each streaming its customers' text
to a spool (score/streamed.py), and the texts are written in file order. The result must be
the one of reading the file in one piece, so the halves are only used when neither found
anything to report (no finding at all: a finding's row or count would be the half's) and no
customer is in both halves; otherwise `score_halves` gives None and the caller reads the file
in one piece (the work done so far is lost, nothing was written).

A half keeps the hashes of its customer ids (8 bytes each, in an array) rather than the ids:
a customer in both halves has the same hash in both (the worker is forked: it hashes as this
process does), so it is always caught; two different ids
with the same 64-bit hash (for 200,000 customers about one chance in 10^9) only send the run to
the one-piece path as well, which gives the same output.
"""

from __future__ import annotations

import io
import tempfile
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from kundenaudit.load.csv.ranges import cut_point, range_lines
from kundenaudit.load.csv.stream import SpreadCustomers, stream_csv_lines
from kundenaudit.model.record import Record
from kundenaudit.score import workers as forking
from kundenaudit.score.gate import Gate
from kundenaudit.score.pipeline import Encoder, EncoderFactory, Job, Part
from kundenaudit.score.portfolio import Accumulator
from kundenaudit.score.streamed import Spooled

if TYPE_CHECKING:
    from kundenaudit.model.mapping_file import MappingSpec


@dataclass(frozen=True)
class Loading:
    """How the file is loaded: its name as shown, its mapping, the segment of customers
    without one (--segment)."""

    source: str
    mapping: MappingSpec | None = None
    segment: str | None = None


@dataclass
class Half:
    """What reading a half gave: its scored part, its customers, whether it is usable."""

    part: Part
    hashes: array[int] = field(default_factory=lambda: array("q"))  # hash() of each id
    count: int = 0
    clean: bool = True  # no finding, every record scored


class _Scorer:
    """Scores the records of a half into a spool."""

    def __init__(self, job: Job, gate: Gate, encode: Encoder, spool: IO[bytes]) -> None:
        self.job = job
        self.encode = encode
        self.out = io.TextIOWrapper(spool, encoding="utf-8")
        self.half = Half(Part(Accumulator(), gate))

    def add(self, rec: Record) -> None:
        half, job = self.half, self.job
        half.count += 1
        half.hashes.append(hash(rec.id))
        if (job.segment or rec.segment or "") in job.cat.segments:
            self.out.write(self.encode(half.part.add(job, rec)))
        else:  # an error the half reports; the file is then read in one piece
            half.clean = False

    def read(self, path: Path, start: int, stop: int | None, load: Loading) -> Half:
        """Read the half; unusable on a finding, a spread customer or text that is not UTF-8."""
        try:
            findings = stream_csv_lines(
                lambda: range_lines(path, start, stop),
                load.source,
                self.job.cat,
                load.mapping,
                load.segment,
                self.add,
            )
            self.half.clean = self.half.clean and not findings
        except (SpreadCustomers, UnicodeDecodeError):
            self.half.clean = False
        self.out.flush()
        self.out.detach()  # the spool stays open for the reader
        return self.half


def score_halves(
    job: Job, path: Path, load: Loading, encoder: EncoderFactory, gate: Gate, hold: int
) -> Spooled | None:
    """The scoring run of the CSV file ``path`` read in two halves side by side; None when
    it cannot be cut, no worker can be started, or the halves are not the whole (see above)."""
    cut = cut_point(path) if forking.can_fork() else None
    if cut is None:
        return None
    try:
        worker = forking.start(_second_half(job, path, cut, load, encoder, gate))
    except OSError:
        return None
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - handed to Spooled or closed below
    try:
        mine = _Scorer(job, gate, encoder(True), spool).read(path, 0, cut, load)
        theirs: Half = forking.finish(worker)
    except BaseException:
        forking.stop(worker)
        spool.close()
        raise
    total = mine.count + theirs.count
    shared = not set(mine.hashes).isdisjoint(theirs.hashes)
    if not (mine.clean and theirs.clean) or shared or total <= hold:
        forking.stop(worker)
        spool.close()
        return None
    mine.part.sums.merge(theirs.part.sums)
    mine.part.gate.merge(theirs.part.gate)
    return Spooled(job, gate, mine.part, [spool, worker.spool], total)


def _second_half(
    job: Job, path: Path, cut: int, load: Loading, encoder: EncoderFactory, gate: Gate
) -> Callable[[IO[bytes]], Half]:
    """The work of the worker process: read and score the file from ``cut`` on."""

    def work(spool: IO[bytes]) -> Half:
        return _Scorer(job, gate.fresh(), encoder(False), spool).read(path, cut, None, load)

    return work
