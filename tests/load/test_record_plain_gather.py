"""Gathering YAML records gives the same records and findings with the plain reader as
without it: the checks against the catalog, --segment and every position included."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest

from kundenaudit.load import record_plain
from kundenaudit.load.inputs import Gathered, load_file
from kundenaudit.load.record_checks import check_record
from kundenaudit.model.catalog import Catalog
from kundenaudit.model.errors import Finding, FindingSink
from kundenaudit.model.record import Record
from kundenaudit.score.catalogs import load_catalog
from tests.load.record_variants import one_field_variants, record_text
from tests.load.test_record_plain import view

TODAY = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def records_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rng = random.Random(21)
    texts = one_field_variants() + [record_text(rng) for _ in range(600)]
    # the services the catalog has, so that not every record is only warnings
    texts = [t.replace("  a: ", "  angebot: ").replace("  s1: ", "  wartung: ") for t in texts]
    path = tmp_path_factory.mktemp("records") / "k.yaml"
    path.write_text("---\n".join(texts), encoding="utf-8")
    return path


def gathered(path: Path, cat: Catalog, segment: str | None) -> tuple[list[Any], list[Finding]]:
    """The records of ``path`` (those without errors) and every finding, as `gather` has them
    before it concludes."""
    out, sink = Gathered(), FindingSink("k.yaml")
    load_file(path, True, sink, cat, None, segment, out)
    return [view(r) for r in out.records], sink.findings


@pytest.mark.parametrize("segment", [None, "standard", "schluesselkunde", "nope"])
def test_the_same_with_and_without_the_plain_reader(
    records_file: Path, segment: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    cat = load_catalog(None, TODAY)[0]
    read: list[Record | None] = []
    real = record_plain.plain_record

    def counted(data: Any, source: str, line: int) -> Record | None:
        read.append(real(data, source, line))
        return read[-1]

    monkeypatch.setattr(record_plain, "plain_record", counted)
    with_plain = gathered(records_file, cat, segment)
    assert sum(r is not None for r in read) > 300  # most of them were read plainly
    monkeypatch.setattr(record_plain, "plain_record", lambda *a: None)
    assert gathered(records_file, cat, segment) == with_plain
    assert len(with_plain[0]) > (0 if segment == "nope" else 200)
    assert len(with_plain[1]) > 500  # findings of every kind are compared


def test_an_unknown_segment_is_located_where_it_was_given() -> None:
    cat = load_catalog(None, TODAY)[0]
    named = Record(id="K-1", segment="nope", services={})
    unnamed = Record(id="K-1", segment=None, services={})
    for option in (None, "standard", "nope"):  # the record's own segment is at its key
        assert [p.loc for p in check_record(named, cat, option)] == [("customer", "segment")]
    assert [p.loc for p in check_record(unnamed, cat, "nope")] == [("customer",)]
    assert [p.rule for p in check_record(unnamed, cat)] == ["missing-segment"]
    assert check_record(unnamed, cat, "standard") == []
