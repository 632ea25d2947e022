"""Input text made safe to print: control characters shown escaped, never sent raw.

Names, ids, notes, keys and file names come from files a user may not have written. A raw ESC
can clear a terminal, set its title or write to the clipboard (OSC 52); a raw newline can start
a line that a CI log reads as a command (``::error ...``). Every renderer and every message
passes input text through :func:`visible` (or a format's own escape built on it).
"""

from __future__ import annotations

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
