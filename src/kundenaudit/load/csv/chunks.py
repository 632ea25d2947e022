"""The rows of a CSV file as large pieces of text, read a line or a block of lines at a time.

Iterating a text file costs a Python-level step and a new string per line; the long layout's
fast path (prefix.py) instead takes a whole customer's lines out of a piece with a few string
operations that run in C. A piece ends right after a LF (the last one may end without), so no
line and no CRLF is ever cut; its lines are those of ``open(path, newline="")``: they end at
LF, CRLF or a lone CR. A piece with a lone CR is *not plain*: it is read line by line only.
At most one piece (about `CHUNK` characters) is held at a time.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable, Iterator

CHUNK = 1 << 18  # characters read at a time
LINES = 2048  # lines joined into a piece when the source gives lines only


class TextCursor:
    """A position in the current piece of the text; also the csv reader's source of lines
    (through state.Feed), so that a quoted cell spanning lines moves the cursor on."""

    __slots__ = ("carry", "chunk", "plain", "pos", "read")

    def __init__(self, lines: Iterator[str]) -> None:
        self.read: Callable[[], str] = _reader(lines)
        self.chunk = ""
        self.pos = 0
        self.plain = True  # no lone CR in the piece: every line ends at a LF
        self.carry = ""  # the text after the last LF of what was read

    def more(self) -> bool:
        """Whether text is left, reading the next piece when the current one is done."""
        if self.pos < len(self.chunk):
            return True
        while True:
            data = self.read()
            if not data:
                chunk, self.carry = self.carry, ""
                break
            cut = data.rfind("\n") + 1
            if cut:
                chunk, self.carry = self.carry + data[:cut], data[cut:]
                break
            self.carry += data
        self.chunk, self.pos = chunk, 0
        self.plain = "\r" not in chunk or chunk.count("\r") == chunk.count("\r\n")
        return bool(chunk)

    def line(self) -> str:
        """The next line with its line end ("" at the end of the text)."""
        if not self.more():
            return ""
        chunk, pos = self.chunk, self.pos
        end = chunk.find("\n", pos) + 1 or len(chunk)
        if not self.plain:
            cr = chunk.find("\r", pos, end)
            if cr >= 0 and not chunk.startswith("\n", cr + 1):
                end = cr + 1  # a lone CR ends the line
        self.pos = end
        return chunk[pos:end]

    def __iter__(self) -> TextCursor:
        return self

    def __next__(self) -> str:
        line = self.line()
        if not line:
            raise StopIteration
        return line


class TextPieces(itertools.chain[str]):
    """A header line, then text given in pieces that each end at a line end (the last one
    may end without): read line by line (in C, as a chain of line readers), or, once the
    header line is read, piece by piece."""

    __slots__ = ("_started", "_texts")
    _started: list[bool]
    _texts: Iterator[str]

    def __new__(cls, header: str, texts: Iterator[str]) -> TextPieces:
        started: list[bool] = []  # not empty once lines of a piece are read

        def pieces() -> Iterator[io.StringIO]:
            for text in texts:
                started.append(True)
                yield io.StringIO(text, newline="")

        self = super().__new__(cls, [header], itertools.chain.from_iterable(pieces()))
        self._started, self._texts = started, texts
        return self

    def next_text(self) -> str:
        """The text after the lines read ("" at the end)."""
        if self._started:  # lines of a piece were read (a header over several lines)
            return "".join(itertools.islice(self, LINES))
        return next(self._texts, "")


def _reader(lines: Iterator[str]) -> Callable[[], str]:
    """A function giving the next text of ``lines`` ("" at the end): large reads from a text
    file, the pieces of `TextPieces`, else the lines joined."""
    if isinstance(lines, TextPieces):
        return lines.next_text
    if isinstance(lines, io.TextIOBase):
        read = lines.read
        return lambda: read(CHUNK)
    return lambda: "".join(itertools.islice(lines, LINES))
