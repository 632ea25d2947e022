"""Writing `score --snapshot FILE`: the audit frozen beside the normal output (SPEC §2.4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kundenaudit.cli.output import check_target, write_output
from kundenaudit.load.discovery import expand
from kundenaudit.load.inputs import SUFFIXES, Gathered
from kundenaudit.load.snapshots import is_snapshot, read_snapshot
from kundenaudit.model.catalog import Catalog
from kundenaudit.model.errors import UsageError
from kundenaudit.model.results import ResultDocument
from kundenaudit.render import score_json
from kundenaudit.render.snapshot import SnapshotHead, render
from kundenaudit.score.catalogs import CatalogSource


def check_targets(output: Path | None, snapshot: Path | None, inputs: list[Path]) -> None:
    """Before anything is written: the snapshot goes to a file that is neither an input nor
    the -o result."""
    if snapshot is None:
        return
    check_target(snapshot, inputs)
    if output is not None and output.resolve() == snapshot.resolve():
        raise UsageError(f"{snapshot}: --snapshot and -o name the same file")


def snapshot_today(inputs: list[str]) -> dt.date | None:
    """The `today` of the snapshots when every input is a snapshot and they agree on it, so
    scoring a snapshot again gives the same result."""
    files = [p for p, _ in expand(inputs, SUFFIXES)]
    if not files or not all(is_snapshot(p) for p in files):
        return None
    todays = {read_snapshot(p).snapshot.today for p in files}
    return todays.pop() if len(todays) == 1 else None


@dataclass
class Snapshot:
    """A snapshot to write (when ``target`` is set) once the result is known."""

    target: Path | None
    catalog: Catalog
    source: CatalogSource
    gathered: Gathered
    today: dt.date
    segment: str | None
    paths: list[Path]  # every file the run reads: never written onto
    _kept: list[str | bytes] = field(default_factory=list)

    def keep(self, chunks: Iterable[str | bytes]) -> Iterator[str | bytes]:
        """Pass ``chunks`` on, keeping a copy when a snapshot is to be written."""
        for chunk in chunks:
            if self.target is not None:
                self._kept.append(chunk)
            yield chunk

    def write_kept(self) -> None:
        """Write the snapshot with the JSON result that passed through :meth:`keep`."""
        text = "".join(c if isinstance(c, str) else c.decode("utf-8") for c in self._kept)
        self._write(text)

    def write_from(self, doc: ResultDocument) -> None:
        """Write the snapshot with the JSON result of ``doc``."""
        if self.target is not None:
            self._write("".join(score_json.render(doc)))

    def _write(self, result: str) -> None:
        if self.target is None:
            return
        head = SnapshotHead(
            created=dt.date.today(),
            today=self.today,
            catalog=self.catalog,
            catalog_sha256=self.source.sha256,
            inputs=self.gathered.inputs,
            segment=self.segment,
        )
        write_output(render(head, self.gathered.records, result), self.target, self.paths)
