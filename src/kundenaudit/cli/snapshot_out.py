"""Writing `score --snapshot FILE`: the audit frozen beside the normal output (SPEC §2.4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kundenaudit.cli.output import check_target, write_output
from kundenaudit.load.discovery import expand
from kundenaudit.load.inputs import SUFFIXES, Gathered
from kundenaudit.load.snapshots import is_snapshot, read_snapshot
from kundenaudit.model.catalog import Catalog
from kundenaudit.model.errors import UsageError
from kundenaudit.render.score_render import ScoreFormat
from kundenaudit.score.catalogs import CatalogSource

if TYPE_CHECKING:
    from kundenaudit.score.pipeline import Scoring


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


@dataclass(kw_only=True, eq=False)
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
    _json: bool = False  # whether _kept holds the JSON result

    def keep(self, fmt: ScoreFormat, chunks: Iterator[str | bytes]) -> Iterator[str | bytes]:
        """Pass ``chunks`` on; when a snapshot is to be written and they are the JSON result,
        keep a copy (a streamed result keeps no scorecards to make it from again)."""
        if self.target is None or fmt is not ScoreFormat.JSON:
            return chunks
        return self._keep(chunks)

    def _keep(self, chunks: Iterable[str | bytes]) -> Iterator[str | bytes]:
        self._json = True
        for chunk in chunks:
            self._kept.append(chunk)
            yield chunk

    def write(self, run: Scoring) -> None:
        """Write the snapshot (when asked for) with the JSON result of ``run``: the copy kept
        by :meth:`keep`, else made from the scorecards the renderer collected."""
        if self.target is None:
            return
        if self._json:
            self._write("".join(c if isinstance(c, str) else c.decode("utf-8") for c in self._kept))
        elif run.collected is not None:
            from kundenaudit.render import score_json  # noqa: PLC0415 - only with --snapshot

            self._write("".join(score_json.render(run.collected)))
        else:
            raise RuntimeError("a snapshot needs the JSON result or the collected scorecards")

    def _write(self, result: str) -> None:
        if self.target is None:
            return
        from kundenaudit.render.snapshot import SnapshotHead, render  # noqa: PLC0415

        head = SnapshotHead(
            created=dt.date.today(),
            today=self.today,
            catalog=self.catalog,
            catalog_sha256=self.source.sha256,
            inputs=self.gathered.inputs,
            segment=self.segment,
        )
        write_output(render(head, self.gathered.records, result), self.target, self.paths)
