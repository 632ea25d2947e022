"""Hardened YAML loading (CONVENTIONS.md, "YAML input: traps and the proven fix"), unit by unit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from kundenaudit.load import yaml_document
from kundenaudit.load.documents import (
    BUILTIN_CATALOG,
    decode,
    display_path,
    load_mapping,
    read_documents,
)
from kundenaudit.load.yaml_document import locate, path_text
from kundenaudit.load.yaml_parser import MAX_DEPTH, parse_documents
from kundenaudit.model.errors import Finding, FindingSink, InputError, Severity, UsageError
from kundenaudit.score.catalogs import load_catalog

DATA = Path(__file__).parent.parent / "data"
TODAY = dt.date(2026, 6, 1)


def parse(text: str) -> tuple[list[yaml_document.Document], list[Finding]]:
    sink = FindingSink("t.yaml")
    docs = parse_documents(text, sink)
    return docs, sink.findings


def where(findings: list[Finding]) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.rule) for f in findings]


# --- scalars: YAML 1.2-like, nothing is guessed -----------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("no", "no"),
        ("Yes", "Yes"),
        ("on", "on"),
        ("0777", "0777"),
        ("12:30", "12:30"),
        ("1.10", "1.10"),
        ("1e3", "1e3"),
        ("true", "true"),
        ("2026-01-01", "2026-01-01"),
        ("~", None),
        ("null", None),
        ("NULL", None),
        ("", None),
        ("'~'", "~"),
        ('"null"', "null"),
        ("''", ""),
        ("'-'", "-"),
        ("!!str 7", "7"),
        ("!!int 7", "7"),
    ],
)
def test_plain_scalars_stay_strings(raw: str, expected: str | None) -> None:
    docs, findings = parse(f"v: {raw}\n")
    assert findings == []
    assert docs[0].data == {"v": expected}


def test_nested_data_is_plain_dicts_lists_and_strings() -> None:
    docs, findings = parse("a:\n  - 1\n  - {b: [x, 'y'], c: null}\n")
    assert findings == []
    assert docs[0].data == {"a": ["1", {"b": ["x", "y"], "c": None}]}


# --- keys --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "what"),
    [
        ("Yes", "a boolean"),
        ("no", "a boolean"),
        ("ON", "a boolean"),
        ("off", "a boolean"),
        ("1.10", "a number"),
        ("1", "a number"),
        ("0x1F", "a number"),
        ("0777", "a number"),
        ("12:30", "a number"),
        (".inf", "a number"),
        ("~", "null"),
        ("null", "null"),
    ],
)
def test_keys_yaml_reads_as_bool_number_or_null_are_errors(key: str, what: str) -> None:
    docs, findings = parse(f"{key}: x\n")
    assert where(findings) == [(1, 1, "yaml-key")]
    assert findings[0].message == f"key {key!r} is read by YAML as {what}; quote it: '{key}':"
    assert findings[0].severity is Severity.ERROR
    assert docs[0].data == {key: "x"}  # still loaded, so later checks can name it


@pytest.mark.parametrize(
    "key", ["'Yes'", '"no"', "'1.10'", "'~'", "yes_please", "2026-01-01", "a b"]
)
def test_quoted_and_ordinary_keys_are_fine(key: str) -> None:
    docs, findings = parse(f"{key}: x\n")
    assert findings == []
    assert docs[0].data == {key.strip("'\""): "x"}


def test_key_verdicts_are_reported_at_every_occurrence() -> None:
    _, findings = parse("a:\n  no: 1\nb:\n  no: 2\n")
    assert where(findings) == [(2, 3, "yaml-key"), (4, 3, "yaml-key")]


@pytest.mark.parametrize(
    ("text", "pos"),
    [
        ("a: 1\nb: 2\na: 3\n", (3, 1)),
        ("m: {x: 1, x: 2}\n", (1, 11)),
        ("'a': 1\na: 2\n", (2, 1)),
        ("l:\n  - id: a\n    id: b\n", (3, 5)),
    ],
)
def test_duplicate_keys_are_errors_at_the_second_key(text: str, pos: tuple[int, int]) -> None:
    _, findings = parse(text)
    assert where(findings) == [(*pos, "yaml-duplicate-key")]
    assert "first defined on line" in findings[0].message


def test_duplicate_key_keeps_the_first_value_and_names_its_line() -> None:
    docs, findings = parse("a: 1\nb: 2\na: 3\n")
    assert findings[0].message == "duplicate key 'a' (first defined on line 1)"
    assert docs[0].data == {"a": "1", "b": "2"}


@pytest.mark.parametrize(
    ("text", "pos"),
    [("[a, b]: 1\n", (1, 1)), ("? {a: 1}\n: 2\n", (1, 3)), ("x: 0\n? - a\n: 2\n", (2, 3))],
)
def test_collection_keys_are_errors(text: str, pos: tuple[int, int]) -> None:
    _, findings = parse(text)
    assert where(findings) == [(*pos, "yaml-key")]
    assert "plain strings" in findings[0].message


# --- aliases, depth, tags ---------------------------------------------------------------------


def test_aliases_are_rejected_even_in_tiny_files() -> None:
    docs, findings = parse("a: &x 1\nb: *x\n")
    assert docs == []
    assert where(findings) == [(2, 4, "yaml-alias")]
    assert findings[0].message == "aliases (*x) are not allowed in kundenaudit files"


def test_merge_keys_use_aliases_and_are_rejected() -> None:
    _, findings = parse("base: &b {x: 1}\nother:\n  <<: *b\n")
    assert where(findings) == [(3, 7, "yaml-alias")]


def test_anchor_without_alias_is_harmless() -> None:
    docs, findings = parse("a: &x 1\n")
    assert findings == []
    assert docs[0].data == {"a": "1"}


def test_an_anchor_defined_twice_is_located_at_the_document_start(tmp_path: Path) -> None:
    # the event parse accepts it, composing the node tree for positions refuses it (found by
    # fuzzing: a missing-field error in such a file crashed)
    path = tmp_path / "c.yaml"
    path.write_text("\n\n&a \n&a kundenaudit: 1\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_catalog(path, dt.date(2026, 11, 27))
    findings = err.value.findings
    assert findings
    assert {(f.line, f.column) for f in findings} == {(3, 1)}


def test_billion_laughs_is_rejected_before_expansion() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, cur in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    docs, findings = parse("\n".join(lines) + "\n")
    assert docs == []
    assert where(findings) == [(2, 8, "yaml-alias")]


@pytest.mark.parametrize("n", [MAX_DEPTH - 2, MAX_DEPTH - 1])
def test_nesting_up_to_the_cap_is_fine(n: int) -> None:
    # the root mapping is level 1, so n flow lists reach depth n + 1
    docs, findings = parse("x: " + "[" * n + "]" * n + "\n")
    assert findings == []
    assert len(docs) == 1


@pytest.mark.parametrize("n", [MAX_DEPTH, 100, 2000])
def test_nesting_beyond_the_cap_is_a_located_error(n: int) -> None:
    # 2000 levels fit in a 4 KB file: this once reached the recursive walker (RecursionError)
    docs, findings = parse("x: " + "[" * n + "]" * n + "\n")
    assert docs == []
    # libyaml builds that cap nesting themselves (at 1000) stop while scanning ahead, at the
    # bracket past their own cap; the others reach ours first
    assert where(findings) in (
        [(1, 3 + MAX_DEPTH, "yaml-depth")],
        [(1, 3 + 1000, "yaml-depth")],
    )
    if n <= 1000:
        assert where(findings) == [(1, 3 + MAX_DEPTH, "yaml-depth")]
    assert findings[0].message == f"nesting deeper than {MAX_DEPTH} levels"


def test_deep_block_nesting_is_an_error_too() -> None:
    docs, findings = parse("- " * (MAX_DEPTH + 1) + "x\n")
    assert docs == []
    assert where(findings) == [(1, 2 * MAX_DEPTH + 1, "yaml-depth")]


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("!!python/object:os.system x", "tag:yaml.org,2002:python/object:os.system"),
        (
            "!!python/object/apply:os.system ['ls']",
            "tag:yaml.org,2002:python/object/apply:os.system",
        ),
        ("!!python/name:os.system ''", "tag:yaml.org,2002:python/name:os.system"),
        ("!custom x", "!custom"),
        ("!!binary aGk=", "tag:yaml.org,2002:binary"),
        ("!!set {a: null}", "tag:yaml.org,2002:set"),
    ],
)
def test_unsupported_tags_are_errors(value: str, tag: str) -> None:
    _, findings = parse(f"v: {value}\n")
    assert where(findings) == [(1, 4, "yaml-tag")]
    assert findings[0].message == f"YAML tag '{tag}' is not supported"


# --- syntax errors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pos", "hint"),
    [
        ("a:\n\tb: 1\n", (2, 1), "indent with spaces, not tabs"),
        ("a:\n  b: 1\n\tc: 2\n", (3, 1), "indent with spaces, not tabs"),
        ("a: -\n", (1, 4), "write a dash value as a quoted string"),
        ("a:\n  - x\n - y\n", (3, 2), "check the indentation"),
        ("a: [1, 2\n", None, ""),
        ("a: 'open\n", None, ""),
    ],
)
def test_syntax_errors_are_located_and_explained(
    text: str, pos: tuple[int, int] | None, hint: str
) -> None:
    docs, findings = parse(text)
    assert docs == []
    assert [f.rule for f in findings] == ["yaml-syntax"]
    assert findings[0].message.startswith("YAML syntax error: ")
    assert hint in findings[0].message
    if pos is not None:
        assert (findings[0].line, findings[0].column) == pos


# --- documents -------------------------------------------------------------------------------


def test_several_documents_each_with_its_line() -> None:
    docs, findings = parse("# c\na: 1\n---\nb: 2\n--- \n- x\n")
    assert findings == []
    assert [d.data for d in docs] == [{"a": "1"}, {"b": "2"}, ["x"]]
    assert [d.line for d in docs] == [2, 4, 6]


def test_crlf_line_endings_keep_positions() -> None:
    _, findings = parse("a: 1\r\nb: 2\r\na: 3\r\n")
    assert where(findings) == [(3, 1, "yaml-duplicate-key")]


def test_libyaml_is_used_when_available() -> None:
    if not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML built without libyaml")
    assert issubclass(yaml_document.Loader, yaml.CSafeLoader)


# --- bytes to text ----------------------------------------------------------------------------


def decoded(data: bytes) -> tuple[str | None, list[Finding]]:
    sink = FindingSink("t.yaml")
    return decode(data, sink), sink.findings


def test_utf8_bom_is_accepted_and_removed() -> None:
    text, findings = decoded(b"\xef\xbb\xbfa: \xc3\xbc\n")
    assert findings == []
    assert text == "a: ü\n"


@pytest.mark.parametrize(
    ("codec", "pos", "offset"),
    [("utf-16", (1, 1), 0), ("utf-16-le", (1, 7), 6), ("utf-16-be", (1, 8), 7)],
)
def test_utf16_gets_an_encoding_error(codec: str, pos: tuple[int, int], offset: int) -> None:
    # "a: ü" in UTF-16: the NUL bytes are valid UTF-8, the first invalid byte is 0xFC (or a BOM)
    text, findings = decoded("a: ü\n".encode(codec))
    assert text is None
    assert where(findings) == [(*pos, "encoding")]
    assert findings[0].message.startswith(f"not valid UTF-8 at byte {offset}: save it as UTF-8")
    assert ("UTF-16" in findings[0].message) == (codec == "utf-16")  # only a BOM tells


def test_latin1_error_names_line_column_and_byte_offset() -> None:
    text, findings = decoded("a: 1\nname: Müller\n".encode("latin-1"))
    assert text is None
    assert where(findings) == [(2, 8, "encoding")]
    assert findings[0].message.startswith("not valid UTF-8 at byte 12: save it as UTF-8")


def test_byte_offset_counts_the_bom() -> None:
    # the offset is a position in the file, so the three BOM bytes count
    _, findings = decoded(b"\xef\xbb\xbfa: 1\nb: \xfc\n")
    assert where(findings) == [(2, 4, "encoding")]
    assert "at byte 11:" in findings[0].message


# --- files -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content", [b"", b"\n\n", b"# only a comment\n", b"\xef\xbb\xbf", b"   \n"]
)
def test_empty_files_get_their_own_message(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "e.yaml"
    path.write_bytes(content)
    docs, sink = read_documents(path, "e.yaml")
    assert docs == []
    assert where(sink.findings) == [(1, 1, "empty")]
    assert "file is empty" in sink.findings[0].message


def test_a_lone_document_marker_is_empty_too(tmp_path: Path) -> None:
    path = tmp_path / "e.yaml"
    path.write_text("---\n...\n")
    docs, sink = read_documents(path)
    assert [d.data for d in docs] == [None]
    assert sink.findings == []  # an explicit empty document; what it lacks is for the caller


def test_missing_file_and_directory_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="file not found"):
        read_documents(tmp_path / "nope.yaml")
    with pytest.raises(UsageError, match="is a directory"):
        read_documents(tmp_path)


def test_display_path_is_relative_without_dot_slash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    assert display_path(tmp_path / "sub" / "a.yaml") == "sub/a.yaml"
    assert display_path(Path("./sub/a.yaml")) == "sub/a.yaml"
    assert display_path(Path("-")) == "<stdin>"
    outside = tmp_path.parent / "elsewhere.yaml"
    assert display_path(outside) == outside.as_posix()


# --- positions ---------------------------------------------------------------------------------

NESTED = """\
a:
  - id: x
    levels: {seg: muss}
  - id: y
"""


@pytest.mark.parametrize(
    ("loc", "at_key", "pos"),
    [
        ((), False, (1, 1)),
        (("a",), False, (2, 3)),
        (("a",), True, (1, 1)),
        (("a", 0, "id"), False, (2, 9)),
        (("a", 0, "levels", "seg"), False, (3, 19)),
        (("a", 0, "levels", "seg"), True, (3, 14)),
        (("a", 1), False, (4, 5)),
        (("a", 7, "id"), False, (2, 3)),  # no such item: its nearest ancestor
        (("a", 0, "missing"), False, (2, 5)),
    ],
)
def test_locate_maps_a_loc_to_its_node(
    loc: tuple[object, ...], at_key: bool, pos: tuple[int, int]
) -> None:
    docs, _ = parse(NESTED)
    assert locate(docs[0].node, loc, at_key=at_key) == pos


def test_path_text() -> None:
    assert path_text(("services", 3, "levels", "foo")) == "services[3].levels.foo"
    assert path_text(()) == ""
    assert path_text((0, "a")) == "[0].a"


# --- catalogs and mapping files ---------------------------------------------------------------


def test_builtin_catalog_loads_without_findings() -> None:
    catalog, sink = load_catalog(None, TODAY)
    assert sink.file == f"<built-in>/{BUILTIN_CATALOG}"
    assert sink.findings == []
    assert "standard" in catalog.segments


def test_invalid_catalog_raises_input_error_with_every_finding(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes((DATA / "bad_catalogs" / "extends-cycle.yaml").read_bytes())
    with pytest.raises(InputError) as info:
        load_catalog(path, TODAY)
    assert [(f.line, f.column, f.rule) for f in info.value.findings] == [
        (7, 14, "extends-cycle"),
    ]
    assert info.value.message.endswith("[extends-cycle]")
    assert ":7:14: error: " in info.value.message


def test_catalog_with_several_documents_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes((DATA / "bad_catalogs" / "several-documents.yaml").read_bytes())
    with pytest.raises(InputError) as info:
        load_catalog(path, TODAY)
    assert [(f.line, f.rule) for f in info.value.findings] == [(24, "several-documents")]


def test_catalog_warnings_come_back_in_the_sink(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes((DATA / "bad_catalogs" / "warn-missing-action.yaml").read_bytes())
    catalog, sink = load_catalog(path, TODAY)
    assert [(f.line, f.column, f.rule, f.severity) for f in sink.findings] == [
        (18, 5, "missing-action", Severity.WARNING)
    ]
    assert set(catalog.services) == {"reklamation", "wartung"}


def test_mapping_file_with_several_documents_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("kundenaudit: 1\nmapping: {layout: wide}\n---\nkundenaudit: 1\nmapping: {}\n")
    with pytest.raises(InputError) as info:
        load_mapping(path)
    assert [(f.line, f.rule) for f in info.value.findings] == [(4, "several-documents")]


def test_mapping_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "kundenaudit: 1\nmapping:\n  layout: wide\n  values: {'Yes': erfuellt, 'No': nein}\n"
    )
    mapping = load_mapping(path).mapping
    assert mapping.layout == "wide"
    assert {k: v.value for k, v in mapping.values.items()} == {
        "Yes": "erfuellt",
        "No": "nicht_erfuellt",
    }
