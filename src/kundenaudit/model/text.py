"""Input text made safe to print: control characters shown escaped, never sent raw.

Names, ids, notes, keys and file names come from files a user may not have written. A raw ESC
can clear a terminal, set its title or write to the clipboard (OSC 52); a raw newline can start
a line that a CI log reads as a command (``::error ...``). Every renderer and every message
passes input text through :func:`visible` (or a format's own escape built on it).
"""

from __future__ import annotations

import re

# C0 controls, DEL and C1 controls; and the bidirectional overrides and isolates, which reorder
# what a terminal shows ("Trojan source"); and the Unicode line and paragraph separators
_UNSAFE = [*range(0x00, 0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_UNSAFE += [0x2028, 0x2029]


_NAMED = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}


def _escape(code: int) -> str:
    if code in _NAMED:
        return _NAMED[code]
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


_TABLE = {code: _escape(code) for code in _UNSAFE}
_TABLE_KEEP_NEWLINE = {code: text for code, text in _TABLE.items() if code != 0x0A}


def visible(text: str) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``, ``\\n``).

    Idempotent: the result has no control character left to escape."""
    return text.translate(_TABLE)


def visible_lines(text: str) -> str:
    """Like :func:`visible`, but line feeds stay: for a block of lines this program made,
    each of which may carry input text."""
    return text.translate(_TABLE_KEEP_NEWLINE)


def one_line(text: str) -> str:
    """``text`` on one line: CR, LF and CRLF become a space, then :func:`visible`."""
    return visible(text.replace("\r\n", " ").replace("\r", " ").replace("\n", " "))


def visible_path(path: str) -> str:
    """A file name as :func:`visible` shows it; one that could be read as something else at
    the start of a line (``::error``, ``-``, ``#``) gets a leading ``./``."""
    shown = visible(path)
    if shown and not (shown[0].isalnum() or shown[0] in "./_~<"):
        shown = "./" + shown
    return shown


# A line whose first non-blank characters are '::' (or '##[') is a workflow command to GitHub
# Actions, which trims leading blanks before it looks; the first of those characters is escaped.
_COMMAND_START = re.compile(r"^([^\S\n]*)(?::(?=:)|#(?=#\[))", re.M)
_PREFIXES = ("::", "##[")


def _escape_command(match: re.Match[str]) -> str:
    return match.group(1) + ("\\x3a" if match.group(0).endswith(":") else "\\x23")


def opens_command(text: str) -> bool:
    """Whether ``text`` at the start of a line would make it a CI log command."""
    return text.lstrip().startswith(_PREFIXES)


def no_command_lines(text: str) -> str:
    """``text`` with no line that a CI log would run as a command: a line that begins (after
    blanks) with ``::`` or ``##[`` gets that first character shown escaped (``\\x3a``).

    This program never starts a line so itself (except in the GitHub annotation format, which
    is written verbatim): such a line carries input text."""
    if "::" not in text and "##[" not in text:
        return text
    return _COMMAND_START.sub(_escape_command, text)


class CommandGuard:
    """:func:`no_command_lines` over text that arrives in chunks (a line may span two).

    The blank start of a line, or a ``:`` or ``#`` that may begin a command, is held back until
    the next chunk shows how the line goes on."""

    def __init__(self) -> None:
        self._held = ""  # the start of a line that may still become a command
        self._at_start = True  # the next chunk begins a line (or continues its blank start)

    def feed(self, chunk: str) -> str:
        """The part of ``chunk`` (after what was held) that is safe to write now."""
        text = self._held + chunk
        self._held = ""
        head = ""
        if not self._at_start:
            end = text.find("\n") + 1
            if not end:
                return text
            head, text = text[:end], text[end:]
        text = no_command_lines(text)
        tail_start = text.rfind("\n") + 1
        tail = text[tail_start:]
        rest = tail.lstrip()
        self._at_start = not rest or any(p.startswith(rest) for p in _PREFIXES)
        if self._at_start:
            self._held, text = tail, text[:tail_start]
        return head + text

    def passed(self, ends_line: bool) -> str:
        """Text went by outside the guard (bytes written as they are): what was held, to write
        before it; ``ends_line`` tells whether that text ended a line."""
        held = self._held
        self._held, self._at_start = "", ends_line
        return held

    def flush(self) -> str:
        """What is still held back, at the end of the text."""
        held, self._held, self._at_start = self._held, "", True
        return held
