"""The one escape for input text: every control character shown, nothing else changed."""

from __future__ import annotations

from kundenaudit.model.text import one_line, visible, visible_lines, visible_path


def test_every_c0_c1_and_del_is_escaped() -> None:
    raw = "".join(chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)])
    shown = visible(raw)
    assert all(0x20 <= ord(ch) < 0x7F for ch in shown), shown
    assert shown.startswith("\\x00\\x01")
    assert "\\x1b" in shown and "\\x07" in shown and "\\x9b" in shown and "\\x7f" in shown
    assert "\\n" in shown and "\\r" in shown and "\\t" in shown


def test_bidi_overrides_and_line_separators_are_escaped() -> None:
    assert visible("a\u202eb\u2066c\u2028d") == "a\\u202eb\\u2066c\\u2028d"


def test_ordinary_text_is_unchanged_and_escaping_is_idempotent() -> None:
    text = "Müller & Söhne GmbH · ≥ 90 % – K-1 \\x1b"
    assert visible(text) == text
    once = visible("\x1b]0;t\x07")
    assert once == "\\x1b]0;t\\x07"
    assert visible(once) == once


def test_line_variants() -> None:
    assert visible_lines("a\nb\x1b") == "a\nb\\x1b"
    assert one_line("a\r\nb\rc\nd\x1b") == "a b c d\\x1b"


def test_a_path_never_starts_a_line_with_a_command() -> None:
    assert visible_path("::error file=x::y.yaml") == "./::error file=x::y.yaml"
    assert visible_path("##[error]x.yaml") == "./##[error]x.yaml"
    assert visible_path("-x.yaml") == "./-x.yaml"
    assert visible_path("dir/a.yaml") == "dir/a.yaml"
    assert visible_path("<stdin>") == "<stdin>"
    assert visible_path("a\x1b.yaml") == "a\\x1b.yaml"
