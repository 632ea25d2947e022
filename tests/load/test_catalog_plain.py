"""The plain catalog reader against the file model: the same catalog and findings, or it
declines."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from kundenaudit.load import catalog_plain
from kundenaudit.load.catalog_plain import _BOOLS, plain_catalog
from kundenaudit.load.documents import read_documents
from kundenaudit.load.yaml_parser import parse_documents
from kundenaudit.model.catalog_file import CatalogFile
from kundenaudit.model.catalog_mirror import PlainCatalog
from kundenaudit.model.errors import FindingSink, InputError
from kundenaudit.model.vocabulary import PlainYaml11Word
from kundenaudit.score.catalog import check, resolve, resolve_spec
from kundenaudit.score.catalogs import load_catalog
from tests.load.catalog_variants import catalog_text, one_field_variants
from tests.load.record_variants import FOREIGN
from tests.score.test_catalog_cache import CATALOGS, ROOT, parts

TODAY = dt.date(2026, 12, 2)
BAD = sorted((ROOT / "tests" / "data" / "bad_catalogs").glob("*.yaml"))


def _exact(value: Any) -> Any:
    """A value with its type, models and mirrors field by field (by the model's names)."""
    if isinstance(value, BaseModel | PlainCatalog) or hasattr(value, "__dataclass_fields__"):
        names = type(value).model_fields if isinstance(value, BaseModel) else vars(value)
        return [(n, _exact(getattr(value, n))) for n in names]
    if isinstance(value, tuple | list):
        return [type(value).__name__, [_exact(v) for v in value]]
    if isinstance(value, dict):
        return [(_exact(k), _exact(v)) for k, v in value.items()]
    return type(value).__name__, repr(value)


def compare(data: Any) -> tuple[bool, bool]:
    """Whether the file model and the plain reader take ``data``, after checking that the
    plain reader declines whatever the model rejects and otherwise mirrors the model field by
    field, with the same findings and (when valid) the same resolved catalog."""
    try:
        model: CatalogFile | None = CatalogFile.model_validate(data)
    except ValidationError:
        model = None
    plain = plain_catalog(data)
    if model is None:
        assert plain is None, data
        return False, False
    if plain is None:
        return True, False
    assert _exact(plain) == _exact(model), data
    problems = check(model, TODAY)
    assert check(plain, TODAY) == problems, data
    if not any(p.severity.value == "error" for p in problems):
        assert parts(resolve_spec(plain, lambda: model)) == parts(resolve(model)), data
    return True, True


def _data(texts: list[str]) -> list[Any]:
    return [d.data for t in texts for d in parse_documents(t, FindingSink("c.yaml"))]


def test_every_catalog_of_the_repository_is_read_plainly() -> None:
    taken = [compare(read_documents(p)[0][0].data) for p in CATALOGS]
    assert len(taken) >= 8
    assert taken == [(True, True)] * len(taken)


def test_the_bad_catalogs_agree() -> None:
    taken = [compare(d.data) for p in BAD for d in read_documents(p)[0]]
    assert len(taken) > 40
    assert (False, False) in taken and (True, True) in taken  # check errors, read plainly


def test_one_field_changed_at_a_time_agrees() -> None:
    texts = one_field_variants()
    taken = [compare(data) for data in _data(texts)]
    assert len(taken) == len(texts) > 700
    assert taken[0] == (True, True)
    assert taken.count((True, True)) > 250
    assert taken.count((False, False)) > 250


def test_generated_catalogs_agree() -> None:
    rng = random.Random(21)
    taken = [compare(data) for data in _data([catalog_text(rng) for _ in range(2500)])]
    by_kind = {kind: taken.count(kind) for kind in set(taken)}
    assert by_kind[(True, True)] > 500
    assert by_kind[(False, False)] > 500
    assert (False, True) not in by_kind


def _with_foreign(rng: random.Random, data: Any) -> Any:
    """``data`` with one leaf somewhere replaced by a value YAML never gives."""
    if isinstance(data, list) and data:
        i = rng.randrange(len(data))
        return [*data[:i], _with_foreign(rng, data[i]), *data[i + 1 :]]
    if isinstance(data, dict) and data:
        key = rng.choice(list(data))
        return {**data, key: _with_foreign(rng, data[key])}
    return rng.choice(FOREIGN)


def test_values_yaml_never_gives_agree() -> None:
    rng = random.Random(5)
    base = _data(one_field_variants()[:1])[0]
    for _ in range(1500):
        changed = _with_foreign(rng, base)
        compare(changed)


def test_the_bool_words_are_those_pydantic_reads() -> None:
    words = list(_BOOLS)
    as_read = TypeAdapter(list[bool]).validate_python(words)
    assert as_read == list(_BOOLS.values())
    words_as_yaml11 = TypeAdapter(list[bool]).validate_python(map(PlainYaml11Word, words))
    assert words_as_yaml11 == as_read


def _findings(path: Path) -> list[Any]:
    try:
        _, sink = load_catalog(path, TODAY)
    except InputError as exc:
        return ["invalid", exc.findings]
    return sink.findings


@pytest.mark.parametrize("path", [*CATALOGS, *BAD], ids=lambda p: p.name)
def test_findings_and_positions_are_those_of_the_model(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plainly = _findings(path)
    monkeypatch.setattr(catalog_plain, "plain_catalog", lambda _data: None)
    assert plainly == _findings(path)


def test_a_plain_catalog_reads_its_file_model_once_on_first_use() -> None:
    path = ROOT / "catalogs" / "grosshandel.yaml"
    cat, _ = load_catalog(path, TODAY)
    model = CatalogFile.model_validate(read_documents(path)[0][0].data)
    assert cat.spec == model
    assert cat.spec is cat.spec


HEAD = "kundenaudit: 1\nname: C\nsegments: [{id: s, name: S}]\n"
SERVICE = "services: [{id: a, name: A, level: muss}]\n"


@pytest.mark.parametrize(
    "body",
    [
        HEAD + SERVICE,
        HEAD + SERVICE + "weights: {}\nreview: {drift: {}}\nmetrics: []\n",
        HEAD + SERVICE + "weights: {soll: 2.5}\nreview: {due_within_days: 0}\n",
        HEAD + "services: [{id: a, name: A, level: '-', levels: {}, previous_ids: []}]\n",
        HEAD + "services: [{id: a, name: A, level: muss, levels: {s: kann}}]\n",
        "kundenaudit: 1\nname: C\nsegments: [{id: s, name: S, goals: []}]\n" + SERVICE,
    ],
)
def test_the_defaults_are_those_of_the_model(body: str) -> None:
    assert compare(_data([body])[0]) == (True, True)


@pytest.mark.parametrize(
    "body",
    [
        "segments: [{id: s, name: S}]\nservices: [{id: a, name: A, level: muss}]\n",
        "kundenaudit: 1\nname: C\nsegments: []\nservices: [{id: a, name: A, level: muss}]\n",
        "kundenaudit: 1\nname: C\nsegments: [{id: s, name: S}]\nservices: "
        "[{id: a, name: A, level: muss, weight: 1e3}]\n",
        "kundenaudit: 1\nname: C\nsegments: [{id: s, name: S, goals: [{level: muss}, "
        "{level: soll, services: [a]}]}]\nservices: [{id: a, name: A, level: muss}]\n",
        "kundenaudit: 1\nname: C\nsegments: [{id: s, name: S}]\nservices: "
        "[{id: a, name: A, level: muss, effort: 2.0}]\n",
        "kundenaudit: 1\nname: C\nsegments: [{id: s, name: S}]\nservices: "
        "[{id: a, name: A, level: muss, knockout: ja}]\n",
    ],
    ids=["no-version", "no-segment", "exponent", "two-contents", "int-as-float", "bool-word"],
)
def test_what_it_declines(body: str) -> None:
    assert plain_catalog(_data([body])[0]) is None
