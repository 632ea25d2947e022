"""A CSV file cut in two at a customer boundary, so two processes can each read one half.

The cut is the first line start after the middle whose first cell differs from the line
before it: with the customer in the first column, as exports write it, the two halves then
hold different customers. It must not fall inside a quoted cell that spans lines: the quote
characters before it must balance (RFC 4180 doubles a quote inside a quoted cell), and the
line before it and the line at it must each hold an even number of them. Line ends are LF or
CRLF (a lone CR ends no line here). Whether the halves really hold different customers is
checked after reading (a customer in both means the file is read in one piece).
"""

from __future__ import annotations

import io
import itertools
import mmap
from collections.abc import Iterator
from pathlib import Path

from kundenaudit.load.csv import cells

SCAN_MAX = 1 << 20  # bytes searched after the middle for a customer boundary
CHUNK = 16 << 20  # bytes counted at a time


def cut_point(path: Path) -> int | None:
    """The byte offset of the line that starts the second half; None when there is none."""
    with open(path, "rb") as f:
        size = f.seek(0, io.SEEK_END)
        if size < 2:
            return None
        with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
            header_end = data.find(b"\n") + 1
            if header_end <= 0:
                return None
            pos = _boundary(data, header_end, size)
    return pos if pos is not None and _whole_lines_before(path, pos) else None


def _whole_lines_before(path: Path, end: int) -> bool:
    """Quotes before ``end`` balance and every CR there ends a line (CRLF). Read in chunks,
    not mapped: mapped pages would count as the process's memory."""
    quotes = lone_cr = 0
    with open(path, "rb") as f:
        carry = b""
        while (left := end - f.tell()) > 0:
            body = f.read(min(left, CHUNK))
            if not body:
                break
            quotes += body.count(b'"')
            lone_cr += body.count(b"\r") - (carry + body).count(b"\r\n")
            carry = body[-1:]
    return quotes % 2 == 0 and lone_cr <= 0


def _boundary(data: mmap.mmap, header_end: int, size: int) -> int | None:
    """The first line start after the middle where the first cell changes."""
    header = bytes(data[:header_end]).decode("utf-8-sig", "replace")
    delimiter = cells.detect_delimiter(header).encode()
    start = data.find(b"\n", max(size // 2, header_end)) + 1
    if start <= header_end:
        return None
    prev = _first_cell(data, data.rfind(b"\n", 0, start - 1) + 1, delimiter)
    pos = start
    while header_end < pos < size and pos - start < SCAN_MAX:
        cell = _first_cell(data, pos, delimiter)
        if cell != prev:
            before = data.rfind(b"\n", 0, pos - 1) + 1
            whole = [bytes(data[a : data.find(b"\n", a)]).count(b'"') % 2 for a in (before, pos)]
            return pos if whole == [0, 0] and b'"' not in cell else None
        nxt = data.find(b"\n", pos)
        if nxt < 0:
            return None
        prev, pos = cell, nxt + 1
    return None


def _first_cell(data: mmap.mmap, start: int, delimiter: bytes) -> bytes:
    end = data.find(b"\n", start)
    end = len(data) if end < 0 else end
    cut = data.find(delimiter, start, end)
    return bytes(data[start : end if cut < 0 else cut])


class _Range(io.RawIOBase):
    """The bytes of an open file from ``start`` up to ``stop``."""

    def __init__(self, raw: io.BufferedReader, start: int, stop: int | None) -> None:
        self.raw = raw
        self.left = None if stop is None else stop - start
        raw.seek(start)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        want = len(buffer) if self.left is None else min(len(buffer), self.left)
        if want <= 0:
            return 0
        n = self.raw.readinto(buffer[:want])
        if self.left is not None:
            self.left -= n
        return n

    def close(self) -> None:
        self.raw.close()
        super().close()


def range_lines(path: Path, start: int, stop: int | None) -> Iterator[str]:
    """The header line, then the lines from byte ``start`` (a line start; 0: the line after
    the header) up to byte ``stop`` (None: the end)."""
    with open(path, "rb") as f:
        first = f.readline()
    header = first.decode("utf-8-sig")
    start = start or len(first)
    raw = open(path, "rb")  # noqa: SIM115 - closed with the wrapper
    text = io.TextIOWrapper(io.BufferedReader(_Range(raw, start, stop)), "utf-8", newline="")
    with text:
        yield from itertools.chain([header], text)
