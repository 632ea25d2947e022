"""The plain record reader against the file model: the same record, or it declines."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Annotated, Any

import pytest
from pydantic import StringConstraints, TypeAdapter, ValidationError

from kundenaudit.load.documents import DocumentKind, detect_kind, read_documents
from kundenaudit.load.plain_values import NUMBER
from kundenaudit.load.record_plain import plain_record
from kundenaudit.load.yaml_parser import parse_documents
from kundenaudit.model.errors import FindingSink
from kundenaudit.model.record import Record
from kundenaudit.model.record_file import CustomerFile
from tests.load.record_variants import one_field_variants, record_text, with_foreign_leaf

ROOT = Path(__file__).resolve().parents[2]
DETAILS = ("status", "degree", "reason", "until", "note", "evidence", "date")
FIELDS = ("id", "segment", "source", "line", "name", "manager", "value", "audited")


def _exact(value: Any) -> tuple[str, str]:
    """A value with its type: 1.0 is not True, -0.0 not 0.0, a str subclass not a str."""
    return type(value).__name__, repr(value)


def view(rec: Record) -> Any:
    """Every field of ``rec``, deliveries field by field, each with its type."""
    services = [
        (_exact(sid), [_exact(getattr(d, f)) for f in DETAILS]) for sid, d in rec.services.items()
    ]
    extras = [
        None if m is None else [(_exact(k), _exact(v)) for k, v in m.items()]
        for m in (rec.kpis, rec.outcomes)
    ]
    return [_exact(getattr(rec, f)) for f in FIELDS], services, extras


def model_record(data: Any) -> Record | None:
    """The record the file model gives for ``data``; None when it rejects it."""
    try:
        return Record.from_file(CustomerFile.model_validate(data), "k.yaml", 3)
    except ValidationError:
        return None


def compare(data: Any) -> tuple[bool, bool]:
    """Whether the file model and the plain reader take ``data``, after checking that the
    plain reader declines whatever the model rejects and gives the model's record."""
    expected = model_record(data)
    got = plain_record(data, "k.yaml", 3)
    if expected is None:
        assert got is None, data
    elif got is not None:
        assert view(got) == view(expected), data
    return expected is not None, got is not None


def _customer_docs(paths: list[Path]) -> list[Any]:
    found = []
    for path in paths:
        docs, _ = read_documents(path)
        found += [d.data for d in docs if detect_kind(d.data) is DocumentKind.CUSTOMER]
    return found


def test_the_shipped_examples_are_read_plainly() -> None:
    records = _customer_docs(sorted((ROOT / "examples").glob("*.yaml")))
    assert len(records) >= 10
    assert [compare(data) for data in records] == [(True, True)] * len(records)


def test_the_test_records_agree() -> None:
    records = _customer_docs(sorted((ROOT / "tests" / "data").rglob("*.yaml")))
    taken = [compare(data) for data in records]
    assert len(taken) > 40
    assert (False, False) in taken  # the bad records, declined
    assert sum(plain for _, plain in taken) > len(taken) // 2


def _generated(seed: int, count: int) -> list[Any]:
    rng = random.Random(seed)
    found = []
    for _ in range(count):
        docs = parse_documents(record_text(rng), FindingSink("k.yaml"))
        found += [d.data for d in docs]
    return found


def test_generated_records_agree() -> None:
    taken = [compare(data) for data in _generated(14, 4000)]
    by_kind = {kind: taken.count(kind) for kind in set(taken)}
    assert by_kind[(True, True)] > 800  # plainly valid ones are read plainly
    assert by_kind[(False, False)] > 800  # every kind of mistake is met, and declined
    assert (False, True) not in by_kind


def test_one_field_changed_at_a_time_agrees() -> None:
    texts = one_field_variants()
    taken = [compare(d.data) for t in texts for d in parse_documents(t, FindingSink("k.yaml"))]
    assert len(taken) == len(texts)
    assert taken[0] == (True, True)
    assert taken.count((True, True)) > 150
    assert taken.count((False, False)) > 180


def test_values_yaml_never_gives_are_declined() -> None:
    rng = random.Random(7)
    base = [d for d in _generated(15, 2000) if plain_record(d, "k.yaml", 3) is not None]
    assert len(base) > 300
    for data in base:
        changed, foreign = with_foreign_leaf(rng, data)
        compare(changed)
        if not isinstance(foreign, str):  # a str subclass is read as its text, as pydantic does
            assert plain_record(changed, "k.yaml", 3) is None, changed


_STRIPPED = TypeAdapter(list[Annotated[str, StringConstraints(strip_whitespace=True)]])


def test_what_pydantic_strips_str_strip_strips_too() -> None:
    """An id is taken only when str.strip leaves it as it is, which is sound when pydantic
    strips no character that str.strip keeps. (White_Space has no character beyond the BMP.)"""
    texts = [chr(c) + "k" for c in range(0x10000) if not 0xD800 <= c < 0xE000]
    changed = [t for t, s in zip(texts, _STRIPPED.validate_python(texts), strict=True) if s != t]
    assert len(changed) > 20  # it does strip: the check has something to check
    assert [t for t in changed if t.strip() == t] == []


def _number_text(rng: random.Random) -> str:
    """A number as the plain reader takes it: sign, whole part, maybe 1 to 17 decimals."""
    whole = str(rng.randint(0, 10 ** rng.randint(0, 16)))
    decimals = "".join(rng.choices("0123456789", k=rng.randint(0, 17)))
    return rng.choice(["", "-"]) + whole + (f".{decimals}" if decimals else "")


def test_numbers_as_python_and_pydantic_read_them() -> None:
    rng = random.Random(3)
    texts = [_number_text(rng) for _ in range(20000)]
    assert all(NUMBER(t) for t in texts)
    floats = TypeAdapter(list[float]).validate_python(texts)
    assert [repr(float(t)) for t in texts] == [repr(f) for f in floats]


PROBE = """
import json, sys
from pathlib import Path
from kundenaudit.load.documents import read_documents
from kundenaudit.load.record_plain import customer_record
read = 0
for path in sorted(Path(sys.argv[1]).glob("*.yaml")):
    docs, sink = read_documents(path)
    read += sum(customer_record(d, sink) is not None for d in docs)
print(json.dumps({"read": read, "modules": sorted(sys.modules)}))
"""


def test_a_plain_record_imports_no_pydantic_models() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(ROOT / "examples")],
        capture_output=True,
        text=True,
        check=True,
    )
    state = json.loads(done.stdout)
    assert state["read"] >= 10
    heavy = ("pydantic.main", "pydantic.fields", "pydantic.type_adapter")
    assert [m for m in heavy if m in state["modules"]] == []
    assert "kundenaudit.model.record_file" not in state["modules"]


@pytest.mark.parametrize(
    "body",
    [
        "customer: {id: K-1}\n",  # no version
        "kundenaudit: 2\ncustomer: {id: K-1}\n",
        "kundenaudit: 1\ncustomer: {id: ' K-1'}\n",  # pydantic strips it: left to it
        "kundenaudit: 1\ncustomer: {id: K-1, value: 1e3}\n",
        "kundenaudit: 1\ncustomer: {id: K-1}\nservices: {a: entbehrlich}\n",
        "kundenaudit: 1\ncustomer: {id: K-1}\nservices: {a: {status: erfuellt, degree: 0.5}}\n",
        "kundenaudit: 1\ncustomer: {id: K-1}\nservices: {a: {status: teilweise, degree: 1}}\n",
        "kundenaudit: 1\ncustomer: {id: K-1}\noutcomes: {churn: yes}\n",
        "kundenaudit: 1\ncustomer: {id: K-1}\nkpis: {nps: .nan}\n",
        "kundenaudit: 1\ncustomer: {id: K-1}\naudited: 2026-11-20T00:00:00\n",
    ],
)
def test_what_it_declines(body: str) -> None:
    docs = parse_documents(body, FindingSink("k.yaml"))
    assert plain_record(docs[0].data, "k.yaml", 1) is None
