"""Whatever bytes arrive, loading ends in findings or a KundenauditError, never in a crash."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kundenaudit.load.documents import read_documents
from kundenaudit.load.yaml_parser import parse_documents
from kundenaudit.model.catalog import Catalog
from kundenaudit.model.errors import FindingSink, KundenauditError
from kundenaudit.score.catalogs import load_catalog
from kundenaudit.score.validate import validate_files

TODAY = dt.date(2026, 6, 1)
FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


@pytest.fixture(scope="module")
def builtin() -> Catalog:
    return load_catalog(None, TODAY)[0]


def feed(data: bytes, workdir: Path, catalog: Catalog) -> None:
    """Every loader entry point on ``data``; only findings and user errors are allowed."""
    path = workdir / "input.yaml"
    path.write_bytes(data)
    _, sink = read_documents(path)
    assert all(f.line >= 1 and f.column >= 1 for f in sink.findings)
    try:
        load_catalog(path, TODAY)
    except KundenauditError as exc:
        assert exc.findings or exc.message
    for explicit in (True, False):
        result = validate_files([(path, explicit)], catalog, TODAY)
        assert all(f.line >= 1 and f.column >= 1 for f in result.findings)


WORDS = st.sampled_from(
    [
        "kundenaudit",
        "name",
        "segments",
        "services",
        "id",
        "level",
        "levels",
        "goals",
        "min",
        "by",
        "extends",
        "weight",
        "effort",
        "knockout",
        "competition",
        "reviewed",
        "action",
        "customer",
        "mapping",
        "weights",
        "segment",
        "status",
        "degree",
        "reason",
        "layout",
        "muss",
        "soll",
        "kann",
        "entfaellt",
        "-",
        "none",
        "yes",
        "no",
        "1.10",
        "~",
        "standard",
        "a",
        "b",
        "erfuellt",
        "teilweise",
        "2026-02-30",
        "2026-01-01",
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 200),
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.dates(),
    WORDS,
)
KEYS = st.one_of(WORDS, st.text(max_size=8), st.integers(0, 3), st.booleans())
TREES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)),
    max_leaves=30,
)
DOCUMENTS = st.dictionaries(
    st.sampled_from(
        ["kundenaudit", "name", "segments", "services", "weights", "customer", "mapping"]
    ),
    TREES,
    max_size=6,
).map(lambda d: {"kundenaudit": 1, **d})
PIECES = st.sampled_from(
    [
        *"ab:-[]{}*&!#'\"\n\t |>?,%@`~.01",
        "kundenaudit: 1\n",
        "  ",
        "- ",
        "---\n",
        "\ufeff",
        "\x85",
        "\u2028",
        "ü",
        "!!python/object ",
        "*a",
        "&a ",
        "\r\n",
        "\x00",
    ]
)


@FUZZ
@given(st.binary(max_size=400))
def test_arbitrary_bytes(workdir: Path, builtin: Catalog, data: bytes) -> None:
    feed(data, workdir, builtin)


@FUZZ
@given(TREES)
def test_arbitrary_yaml_trees(workdir: Path, builtin: Catalog, tree: Any) -> None:
    feed(yaml.safe_dump(tree, allow_unicode=True).encode("utf-8"), workdir, builtin)


@FUZZ
@given(DOCUMENTS, st.booleans())
def test_catalog_shaped_documents(
    workdir: Path, builtin: Catalog, doc: dict[str, Any], several: bool
) -> None:
    docs = [doc, doc] if several else [doc]
    feed(yaml.safe_dump_all(docs, allow_unicode=True).encode("utf-8"), workdir, builtin)


@FUZZ
@given(st.lists(PIECES, max_size=80).map("".join))
def test_yaml_ish_text(workdir: Path, builtin: Catalog, text: str) -> None:
    feed(text.encode("utf-8"), workdir, builtin)
    sink = FindingSink("t.yaml")
    parse_documents(text, sink)  # the parser alone, without the BOM handling of decode()


@FUZZ
@given(st.text(max_size=300))
def test_random_text(workdir: Path, builtin: Catalog, text: str) -> None:
    feed(text.encode("utf-8", "surrogatepass"), workdir, builtin)


def mutate(text: str, position: int, insert: str) -> str:
    position %= len(text) + 1
    return text[:position] + insert + text[position:]


BUILTIN_TEXT = (Path(__file__).resolve().parents[2] / "catalogs" / "standard.yaml").read_text(
    encoding="utf-8"
)


@FUZZ
@given(st.integers(0, len(BUILTIN_TEXT)), st.lists(PIECES, min_size=1, max_size=5).map("".join))
def test_builtin_catalog_with_a_small_edit(
    workdir: Path, builtin: Catalog, position: int, insert: str
) -> None:
    feed(mutate(BUILTIN_TEXT, position, insert).encode("utf-8", "surrogatepass"), workdir, builtin)


NESTING = {
    "flow lists": lambda n: "x: " + "[" * n + "]" * n,
    "flow mappings": lambda n: "x: " + "{a: " * n + "b" + "}" * n,
    "block lists": lambda n: "- " * n + "x",
}


@FUZZ
@given(st.integers(1, 1500), st.sampled_from(sorted(NESTING)))
def test_any_nesting_depth(workdir: Path, builtin: Catalog, depth: int, kind: str) -> None:
    feed((NESTING[kind](depth) + "\n").encode("utf-8"), workdir, builtin)
