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
import mmap
from collections.abc import Iterator
from pathlib import Path

from kundenaudit.load.csv import cells
from kundenaudit.load.csv.chunks import TextPieces

SCAN_MAX = 1 << 20  # bytes searched after the middle for a customer boundary
CHUNK = 16 << 20  # bytes counted at a time
PIECE = 1 << 18  # bytes decoded at a time (kept small: a line by line reader of a piece,
# io.StringIO, holds it at four bytes a character)
SPARSE = 7  # quotes found one by one up to one per 2**SPARSE bytes, then counted


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
            quotes += _quotes(body)
            if b"\r" in body or carry == b"\r":
                lone_cr += body.count(b"\r") - (carry + body).count(b"\r\n")
            carry = body[-1:]
    return quotes % 2 == 0 and lone_cr <= 0


def _quotes(body: bytes) -> int:
    """How many quote characters ``body`` holds. Exports quote few cells: finding each one
    (memchr) is many times faster than counting byte by byte, which is left for the rest of
    a body dense with quotes."""
    n, i, most = 0, body.find(b'"'), len(body) >> SPARSE
    while i >= 0:
        n += 1
        if n > most:
            return n + body.count(b'"', i + 1)
        i = body.find(b'"', i + 1)
    return n


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


def range_lines(path: Path, start: int, stop: int | None) -> TextPieces:
    """The header line, then the lines from byte ``start`` (a line start; 0: the line after
    the header) up to byte ``stop`` (None: the end), as ``open(path, newline="")`` gives them
    (line ends kept); after the header also as pieces of text (chunks.TextPieces). Text that
    is not UTF-8 raises UnicodeDecodeError."""
    with open(path, "rb") as f:
        first = f.readline()
    header = first.decode("utf-8-sig")
    return TextPieces(header, _texts(path, start or len(first), stop))


def _texts(path: Path, start: int, stop: int | None) -> Iterator[str]:
    """The bytes from ``start`` to ``stop`` in pieces of whole lines, each decoded. A piece
    ends after a LF, which no UTF-8 sequence holds, so no character and no CRLF is cut."""
    with open(path, "rb", buffering=0) as f:
        f.seek(start)
        left = -1 if stop is None else stop - start  # -1: to the end
        carry = b""
        while left:
            data = f.read(PIECE if left < 0 else min(PIECE, left))
            if not data:
                break
            left -= len(data) if left > 0 else 0
            end = data.rfind(b"\n") + 1
            if not end:
                carry += data
                continue
            yield (carry + data[:end]).decode("utf-8")
            carry = data[end:]
        if carry:
            yield carry.decode("utf-8")
