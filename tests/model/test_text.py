"""The one escape for input text: every control character shown, nothing else changed."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kundenaudit.model.text import (
    CommandGuard,
    no_command_lines,
    one_line,
    opens_command,
    visible,
    visible_lines,
    visible_path,
)


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


COMMAND = re.compile(r"^\s*(::|##\[)")


def test_a_line_that_would_be_a_ci_command_gets_its_first_character_escaped() -> None:
    text = "a\n::error::x\n  ::add-mask::y\n##[group]z\nok :: #[ fine\n#x\n:a\n"
    assert no_command_lines(text) == (
        "a\n\\x3a:error::x\n  \\x3a:add-mask::y\n\\x23#[group]z\nok :: #[ fine\n#x\n:a\n"
    )
    assert opens_command("  ::x") and opens_command("##[x") and not opens_command("x::")


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=":#[ \t\na", max_size=60),
    cuts=st.lists(st.integers(0, 60), max_size=8),
)
def test_the_guard_over_chunks_equals_the_guard_over_the_whole(text: str, cuts: list[int]) -> None:
    points = sorted({c for c in cuts if c <= len(text)})
    chunks = [text[a:b] for a, b in zip([0, *points], [*points, len(text)], strict=True)]
    guard = CommandGuard()
    out = "".join(guard.feed(c) for c in chunks) + guard.flush()
    assert out == no_command_lines(text)
    assert not any(COMMAND.match(line) for line in out.split("\n"))
