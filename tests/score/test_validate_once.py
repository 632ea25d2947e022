"""`validate` parses every file once, also the catalog it finds among its inputs."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from kundenaudit.load import documents
from kundenaudit.model.errors import Severity
from kundenaudit.score import validate as core

TODAY = dt.date(2026, 6, 1)
OWN = Path("tests/data/validate/own-catalog")


def test_every_file_is_parsed_once_and_the_own_catalog_is_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: Counter[str] = Counter()
    real = documents.read_documents

    def counting(path: Path, *args: str) -> tuple[list[object], object]:
        calls[path.name] += 1
        return real(path, *args)  # type: ignore[return-value]

    monkeypatch.setattr(core, "read_documents", counting)
    files = sorted(OWN.glob("*.yaml"))
    result = core.validate_files([(p, True) for p in files], None, TODAY)
    assert result.catalog == f"catalog 'Eigener Katalog' ({OWN}/katalog.yaml)"
    assert set(calls) == {p.name for p in files}
    assert all(n == 1 for n in calls.values()), calls
    # kunde.yaml fits its own catalog (against the built-in one its segment would be unknown)
    assert not [f for f in result.findings if f.file.endswith("kunde.yaml")]
    assert result.count(Severity.ERROR) == 1  # the mapping's misspelt target


def test_an_invalid_own_catalog_is_reported_and_the_built_in_one_used(tmp_path: Path) -> None:
    bad = tmp_path / "katalog.yaml"
    bad.write_text((OWN / "katalog.yaml").read_text(encoding="utf-8") + "bogus: 1\n")
    result = core.validate_files([(bad, True)], None, TODAY)
    assert result.catalog.startswith("the built-in catalog '")
    assert [f.file for f in result.findings if f.severity is Severity.ERROR] == [str(bad)]
