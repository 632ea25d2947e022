"""Score results as CSV in one stable layout whatever the number of customers: one row per
customer; with ``--detail`` one row per gap (each with its customer's id)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from kundenaudit.model.results import CustomerScore
from kundenaudit.model.text import opens_command, visible
from kundenaudit.model.vocabulary import Level
from kundenaudit.render.json_data import degree, r2

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def safe(value: object) -> str:
    """A cell Excel will not run as a formula (CSV injection): prefix those with a quote.

    Control characters are shown escaped, line breaks too: every row is one line."""
    if value is None:
        return ""
    text = visible(str(value))
    if text.startswith(_DANGEROUS) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _write(header: list[str], rows: Iterable[Sequence[object]], delimiter: str) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        cells = [safe(c) for c in row]
        if opens_command(cells[0]):
            # quoted, the same value no longer starts the line with what a CI log runs
            buf.write('"' + cells[0].replace('"', '""') + '"' + delimiter)
            cells = cells[1:]
        writer.writerow(cells)
    return buf.getvalue()


def gaps(scores: list[CustomerScore], delimiter: str = ",") -> str:
    """One row per gap, customer by customer."""
    header = [
        "customer",
        "service",
        "name",
        "level",
        "nominal_level",
        "knockout",
        "status",
        "degree",
        "gain",
        "effort",
        "action",
        "next_step",
    ]
    rows = (
        [
            score.id,
            g.service,
            g.name,
            g.level,
            g.nominal_level,
            g.knockout,
            g.status,
            degree(g.degree),
            r2(g.gain),
            g.effort,
            g.action,
            g.service in steps,
        ]
        for score in scores
        for steps in [set(score.next_steps)]
        for g in score.gaps
    )
    return _write(header, rows, delimiter)


def customers(scores: list[CustomerScore], delimiter: str = ",") -> str:
    """One row per customer."""
    header = [
        "customer",
        "name",
        "segment",
        "status",
        "index",
        "muss",
        "soll",
        "kann",
        "gaps",
        "knockouts",
        "next_steps",
        "value",
    ]
    rows = (
        [
            s.id,
            s.name,
            s.segment,
            s.status.value,
            r2(s.index),
            r2(s.coverage[Level.MUSS]),
            r2(s.coverage[Level.SOLL]),
            r2(s.coverage[Level.KANN]),
            len(s.gaps),
            " ".join(s.knockouts),
            " ".join(s.next_steps),
            s.value,
        ]
        for s in scores
    )
    return _write(header, rows, delimiter)
