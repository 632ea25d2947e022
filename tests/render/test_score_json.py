"""The compact JSON writer used for large portfolios encodes exactly what the readable one does."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from kundenaudit.load.documents import customer_from_doc, read_documents
from kundenaudit.model.record import Record
from kundenaudit.model.results import CustomerScore, Gap, GoalResult
from kundenaudit.model.vocabulary import Ampel, Competition, GoalState, Level, Status
from kundenaudit.render.json_compact import CompactWriter, _num2, _value
from kundenaudit.render.json_data import customer
from kundenaudit.render.score_json import READABLE_LIMIT
from kundenaudit.score.catalogs import load_catalog
from kundenaudit.score.engine import score_customer
from kundenaudit.score.rules import rounded

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 27)


def example_scores() -> list[CustomerScore]:
    cat, _ = load_catalog(None, TODAY)
    scores = []
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        docs, sink = read_documents(path)
        for doc in docs:
            model = customer_from_doc(doc, sink)
            assert model is not None
            scores.append(score_customer(cat, Record.from_file(model, path.name, doc.line), TODAY))
    return scores


def test_compact_lines_equal_the_readable_encoding() -> None:
    writer = CompactWriter()
    scores = example_scores()
    assert any(s.gaps for s in scores)
    for s in scores:
        line = writer.customer(s)
        assert "\n" not in line
        assert line == json.dumps(customer(s), ensure_ascii=False, separators=(",", ":"))
        decoded = json.loads(line)
        assert list(decoded) == list(customer(s))  # same key order
        assert [list(g) for g in decoded["gaps"]] == [list(g) for g in customer(s)["gaps"]]


def test_large_portfolios_use_one_line_per_customer(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kundenaudit.cli.app import app

    docs = [
        f"kundenaudit: 1\ncustomer: {{id: K-{n:03d}, segment: standard}}\n"
        "services: {reklamation: erfuellt, angebot: teilweise}\n"
        for n in range(READABLE_LIMIT + 1)
    ]
    (tmp_path / "many.yaml").write_text("---\n".join(docs), encoding="utf-8")
    result = CliRunner().invoke(
        app, ["score", str(tmp_path / "many.yaml"), "--format", "json", "--today", "2026-11-27"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["customers"]) == READABLE_LIMIT + 1
    lines = result.stdout.splitlines()
    assert sum(1 for ln in lines if ln.startswith('    {"id":"K-')) == READABLE_LIMIT + 1


_texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
_pct = st.floats(min_value=0, max_value=100, allow_nan=False)
_SERVICES = ["a", "b", 'q"x', "ü\\n"]


_CatalogFields = dict[str, tuple[str, str | None, Competition | None, int | None, str | None]]


@st.composite
def _gap_lists(draw: st.DrawFn, catalog: _CatalogFields):  # type: ignore[no-untyped-def]
    """Gaps whose catalog fields (name, ref, competition, effort, action) follow from the
    service id, as they do within one run; level, knock-out and everything per customer vary
    freely."""
    gaps = []
    for sid in draw(st.lists(st.sampled_from(_SERVICES), max_size=4)):
        name, ref, competition, effort, action = catalog[sid]
        gaps.append(
            Gap(
                sid,
                name,
                ref,
                draw(st.sampled_from(list(Level))),
                draw(st.sampled_from(list(Level))),
                competition,
                draw(st.booleans()),
                draw(st.sampled_from([Status.TEILWEISE, Status.OFFEN, Status.NICHT_ERFUELLT])),
                draw(st.floats(min_value=0, max_value=1)),
                draw(st.one_of(_pct, st.floats(-1000, 0))),  # below 0: formatted another way
                effort,
                action,
                draw(st.booleans()),
            )
        )
    return gaps


_catalogs = st.fixed_dictionaries(
    {
        sid: st.tuples(
            _texts,
            st.one_of(st.none(), _texts),
            st.sampled_from([None, *Competition]),
            st.one_of(st.none(), st.integers(1, 5)),
            st.one_of(st.none(), _texts),
        )
        for sid in _SERVICES
    }
)
_goals = st.builds(
    GoalResult,
    level=st.sampled_from([None, Level.MUSS, Level.SOLL]),
    services=st.one_of(st.none(), st.lists(st.sampled_from(["a", "b", "c"]), max_size=3)),
    min=st.sampled_from([0.0, 70.0, 100.0, 85.5]),
    by=st.one_of(st.none(), st.dates()),
    actual=st.one_of(st.none(), _pct),
    state=st.sampled_from(list(GoalState)),
)
_ids = st.lists(st.sampled_from(["a", "b", "c", "é"]), max_size=3)
_scores = st.builds(
    CustomerScore,
    id=_texts,
    name=st.one_of(st.none(), _texts),
    segment=st.sampled_from(["standard", "schlüssel"]),
    audited=st.dates(),
    status=st.sampled_from(list(Ampel)),
    index=st.one_of(st.none(), _pct),
    coverage=st.fixed_dictionaries(
        {k: st.one_of(st.none(), _pct) for k in ("muss", "soll", "kann")}
    ),
    counts=st.fixed_dictionaries({s.value: st.integers(0, 99) for s in Status}),
    knockouts=_ids,
    goals=st.lists(_goals, max_size=3),
    gaps=st.just([]),
    next_steps=_ids,
    differentiators=_ids,
    expired=_ids,
    exempt=_ids,
    segment_name=st.one_of(st.none(), _texts),
    manager=st.one_of(st.none(), _texts),
    value=st.one_of(st.none(), st.floats(min_value=0, max_value=1e12), st.just(250000.0)),
)


@given(st.data(), _catalogs, st.lists(_scores, min_size=1, max_size=3))
def test_compact_lines_equal_json_dumps_for_any_scorecard(
    data: st.DataObject,
    catalog: _CatalogFields,
    scores: list[CustomerScore],
) -> None:
    writer = CompactWriter()  # one writer for several customers: its caches must not leak
    for s in scores:
        s.gaps = data.draw(_gap_lists(catalog))
        expected = json.dumps(customer(s), ensure_ascii=False, separators=(",", ":"))
        assert writer.customer(s) == expected
    shared = data.draw(_gap_lists(catalog))  # gap objects shared by customers, as the engine's
    for s in scores:
        s.gaps = shared
        expected = json.dumps(customer(s), ensure_ascii=False, separators=(",", ":"))
        assert writer.customer(s) == expected


@example(1.125)  # an exact half: up (round() gives 1.12)
@example(0.285)  # the float lies just below 0.285; the exact half is meant
@example(-1.125)  # below zero: halves away from zero, as rounded does
@given(st.floats(min_value=-1000, max_value=1000, allow_nan=False, allow_infinity=False))
def test_fast_number_format_equals_json_of_the_rounded_value(value: float) -> None:
    assert _num2(value) == json.dumps(rounded(value, 2))


@example(1e17)  # json writes it as 1e+17
@given(st.one_of(st.none(), st.floats(allow_nan=False), st.integers(-(10**20), 10**20)))
def test_a_customers_value_is_written_as_json_writes_it(value: float | None) -> None:
    assert _value(value) == json.dumps(value)


def test_degrees_are_shown_with_enough_digits() -> None:
    from kundenaudit.render.json_data import degree
    from kundenaudit.render.score_view import degree_pct

    assert [degree(d) for d in (0.004, 0.996, 0.333, 0.5)] == [0.004, 0.996, 0.33, 0.5]
    assert [degree_pct(d) for d in (0.004, 0.996, 0.333, 0.125)] == ["0.4", "99.6", "33", "13"]


def test_full_stores_are_emptied_and_the_lines_stay_equal(monkeypatch: Any) -> None:
    import kundenaudit.render.json_compact as jc

    monkeypatch.setattr(jc, "STORE_MAX", 3)  # every store fills within a few customers
    monkeypatch.setattr(jc, "KNOWN_MAX", 2)
    writer = CompactWriter()
    scores = example_scores() * 3  # the same gap objects come back after the stores emptied
    for s in scores:
        expected = json.dumps(customer(s), ensure_ascii=False, separators=(",", ":"))
        assert writer.customer(s) == expected
    assert len(writer._known) <= 2
    assert len(writer._parts) <= 3 and len(writer._gains) <= 3
    assert len(writer._pcts) <= 3 and len(writer._goals) <= 3


def test_a_line_between_its_separators() -> None:
    s = example_scores()[0]
    plain = CompactWriter().customer(s)
    assert CompactWriter().customer(s, ",\n    ", "\n") == ",\n    " + plain + "\n"


def test_gap_texts_are_kept_by_the_gap_object_not_its_content(monkeypatch: Any) -> None:
    import dataclasses

    muss, offen = Level.MUSS, Status.OFFEN
    one = Gap("a", "A", None, muss, muss, None, True, offen, 0.0, 12.345, 2, None)
    twin = dataclasses.replace(one)  # the same content, another object
    assert twin != one and len({one, twin}) == 2  # gaps compare and hash by identity
    writer = CompactWriter()
    text = (  # by hand: 12.345 rounds half up to 12.35, degree 0 is written 0.0
        '{"service":"a","name":"A","ref":null,"level":"muss","nominal_level":"muss",'
        '"competition":null,"knockout":true,"status":"offen","degree":0.0,"gain":12.35,'
        '"effort":2,"action":null,"expired":false}'
    )
    assert writer._gaps([one, twin, one]) == f"{text},{text},{text}"
    assert list(writer._known) == [one, twin]
    made: list[Gap] = []
    monkeypatch.setattr(writer, "_gap_parts", made.append)  # a gap met before is not made again
    assert writer._gaps([twin, one]) == f"{text},{text}"
    assert made == []
