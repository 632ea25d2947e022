"""Segment resolution and the catalog rules of SPEC §2.1, table by table."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kundenaudit.model.catalog import Catalog, Goal
from kundenaudit.model.catalog_file import CatalogFile
from kundenaudit.model.errors import Problem, Severity
from kundenaudit.model.vocabulary import Level
from kundenaudit.score.catalog import check, resolve
from kundenaudit.score.rules import effective_level

TODAY = dt.date(2026, 6, 1)
MUSS, SOLL, KANN = Level.MUSS, Level.SOLL, Level.KANN


def seg(
    ident: str, extends: str | None = None, goals: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    out: dict[str, Any] = {"id": ident, "name": ident.upper()}
    if extends:
        out["extends"] = extends
    if goals:
        out["goals"] = goals
    return out


def svc(ident: str, level: str = "muss", **fields: Any) -> dict[str, Any]:
    return {"id": ident, "name": ident.upper(), "level": level, "action": "do it", **fields}


# a <- b <- c is a three-level chain; d extends a beside it
CHAIN = [seg("a"), seg("b", "a"), seg("c", "b"), seg("d", "a")]


def spec(segments: list[dict[str, Any]], services: list[dict[str, Any]], **top: Any) -> CatalogFile:
    data = {"kundenaudit": 1, "name": "T", "segments": segments, "services": services, **top}
    return CatalogFile.model_validate(data)


def checked(segments: list[dict[str, Any]], services: list[dict[str, Any]]) -> list[Problem]:
    return check(spec(segments, services), TODAY)


def resolved(segments: list[dict[str, Any]], services: list[dict[str, Any]]) -> Catalog:
    cf = spec(segments, services)
    assert [p for p in check(cf, TODAY) if p.severity is Severity.ERROR] == []
    return resolve(cf)


def goals_by_content(goals: tuple[Goal, ...]) -> dict[Any, tuple[float, dt.date | None, bool]]:
    def key(g: Goal) -> Any:
        return g.level if g.services is None else frozenset(g.services)

    out = {key(g): (g.min, g.by, g.implicit) for g in goals}
    assert len(out) == len(goals), "two goals with the same content"
    return out


# --- levels ------------------------------------------------------------------------------------

E = None  # entfaellt


@pytest.mark.parametrize(
    ("level", "levels", "expected"),
    [
        ("muss", {}, {"a": MUSS, "b": MUSS, "c": MUSS, "d": MUSS}),
        ("soll", {"a": "kann"}, {"a": KANN, "b": KANN, "c": KANN, "d": KANN}),
        ("soll", {"b": "muss"}, {"a": SOLL, "b": MUSS, "c": MUSS, "d": SOLL}),
        ("soll", {"a": "kann", "c": "muss"}, {"a": KANN, "b": KANN, "c": MUSS, "d": KANN}),
        ("soll", {"c": "muss", "a": "kann"}, {"a": KANN, "b": KANN, "c": MUSS, "d": KANN}),
        ("kann", {"a": "muss", "b": "entfaellt"}, {"a": MUSS, "b": E, "c": E, "d": MUSS}),
        ("entfaellt", {"c": "soll"}, {"a": E, "b": E, "c": SOLL, "d": E}),
        ("none", {"b": "must"}, {"a": E, "b": MUSS, "c": MUSS, "d": E}),
        ("muss", {"b": "-", "c": "muss"}, {"a": MUSS, "b": E, "c": MUSS, "d": MUSS}),
        (
            "muss",
            {"a": "soll", "b": "kann", "c": "muss", "d": "none"},
            {"a": SOLL, "b": KANN, "c": MUSS, "d": E},
        ),
        ("MUSS", {"d": "Sollte"}, {"a": MUSS, "b": MUSS, "c": MUSS, "d": SOLL}),
    ],
)
def test_level_in_a_segment_is_own_entry_else_nearest_ancestor_else_default(
    level: str, levels: dict[str, str], expected: dict[str, Level | None]
) -> None:
    cat = resolved(CHAIN, [svc("s", level, levels=levels), svc("anchor")])
    assert {s: cat.segments[s].levels["s"] for s in "abcd"} == expected


def test_every_segment_resolves_every_service() -> None:
    cat = resolved(CHAIN, [svc("x"), svc("y", "kann"), svc("z", "none", levels={"c": "soll"})])
    for segment in cat.segments.values():
        assert list(segment.levels) == ["x", "y", "z"]
    assert list(cat.segments) == ["a", "b", "c", "d"]
    assert cat.segments["c"].name == "C"


@pytest.mark.parametrize(
    ("competition", "level", "expected"),
    [
        ("standard", SOLL, MUSS),
        ("standard", KANN, MUSS),
        ("some", SOLL, SOLL),
        ("none", KANN, KANN),
        (None, SOLL, SOLL),
    ],
)
def test_effective_level(competition: str | None, level: Level, expected: Level) -> None:
    cf = spec([seg("a")], [svc("s", "soll", competition=competition)])
    assert effective_level(cf.services[0].competition, level) is expected


def test_level_weights() -> None:
    cat = resolve(spec([seg("a")], [svc("s")], weights={"muss": "5", "kann": "0.5"}))
    assert [cat.level_weight(lvl) for lvl in (MUSS, SOLL, KANN)] == [5.0, 2.0, 0.5]


# --- goals -------------------------------------------------------------------------------------

D1 = dt.date(2027, 6, 30)
D2 = dt.date(2027, 12, 31)
GOAL_CHAIN = [
    seg(
        "a", goals=[{"level": "soll", "min": 70}, {"level": "kann", "min": 50, "by": "2027-12-31"}]
    ),
    seg(
        "b",
        "a",
        goals=[
            {"level": "sollte", "min": 90, "by": "2027-06-30"},
            {"services": ["s1", "s2"], "min": 100},
        ],
    ),
    seg("c", "b", goals=[{"services": ["s2", "s1"], "min": 80}, {"level": "may", "min": 75}]),
    seg("d", "a", goals=[{"services": ["s1"], "min": 60}]),
]
SERVICES = [svc("s1"), svc("s2", "soll"), svc("s3", "kann")]
IMPLICIT = (100.0, None, True)


@pytest.mark.parametrize(
    ("segment", "expected"),
    [
        ("a", {MUSS: IMPLICIT, SOLL: (70, None, False), KANN: (50, D2, False)}),
        # own Soll goal replaces the inherited one; the services goal is added
        (
            "b",
            {
                MUSS: IMPLICIT,
                SOLL: (90, D1, False),
                KANN: (50, D2, False),
                frozenset({"s1", "s2"}): (100, None, False),
            },
        ),
        # same set of services in another order replaces b's; own Kann goal replaces a's
        (
            "c",
            {
                MUSS: IMPLICIT,
                SOLL: (90, D1, False),
                KANN: (75, None, False),
                frozenset({"s1", "s2"}): (80, None, False),
            },
        ),
        # another set of services is another goal; the sibling's goals are not inherited
        (
            "d",
            {
                MUSS: IMPLICIT,
                SOLL: (70, None, False),
                KANN: (50, D2, False),
                frozenset({"s1"}): (60, None, False),
            },
        ),
    ],
)
def test_goals_are_inherited_and_replaced_by_same_content(
    segment: str, expected: dict[Any, Any]
) -> None:
    cat = resolved(GOAL_CHAIN, SERVICES)
    assert goals_by_content(cat.segments[segment].goals) == expected


def test_the_implicit_muss_goal_comes_first() -> None:
    cat = resolved(GOAL_CHAIN, SERVICES)
    for segment in cat.segments.values():
        first = segment.goals[0]
        assert (first.level, first.services, first.min, first.implicit) == (MUSS, None, 100, True)


@pytest.mark.parametrize(
    ("goal", "warned"),
    [
        ({"level": "muss", "min": 90}, True),
        ({"level": "MUST", "min": 0}, True),
        ({"level": "muss", "min": 99.5}, True),
        ({"level": "muss", "min": 100}, False),
        ({"level": "muss", "min": 100, "by": "2027-01-01"}, False),
        ({"level": "soll", "min": 10}, False),
        ({"services": ["s1"], "min": 50}, False),
    ],
)
def test_replacing_the_implicit_muss_goal(goal: dict[str, Any], warned: bool) -> None:
    segments = [seg("a", goals=[goal]), seg("b", "a")]
    problems = checked(segments, SERVICES)
    lowered = [p for p in problems if p.rule == "muss-goal-lowered"]
    assert [p.rule for p in problems] == [p.rule for p in lowered]  # nothing else
    if warned:
        # only the segment that lowers it is warned, not the one inheriting it
        assert [(p.loc, p.severity, p.key) for p in lowered] == [
            (("segments", 0, "goals", 0, "min"), Severity.WARNING, "a")
        ]
        assert f"lowers the Muss goal to {float(goal['min']):g} %" in lowered[0].message
    else:
        assert lowered == []
    cat = resolve(spec(segments, SERVICES))
    for segment in ("a", "b"):
        muss = [g for g in cat.segments[segment].goals if g.level is MUSS and g.services is None]
        replaced = goal.get("level", "").lower() in ("muss", "must")
        assert len(muss) == 1
        assert muss[0].implicit is not replaced
        assert muss[0].min == (float(goal["min"]) if replaced else 100.0)


def test_a_child_can_restore_the_muss_goal() -> None:
    segments = [
        seg("a", goals=[{"level": "muss", "min": 80}]),
        seg("b", "a", goals=[{"level": "muss", "min": 100}]),
    ]
    cat = resolve(spec(segments, SERVICES))
    assert goals_by_content(cat.segments["b"].goals)[MUSS] == (100, None, False)
    assert goals_by_content(cat.segments["a"].goals)[MUSS] == (80, None, False)


# --- warnings ----------------------------------------------------------------------------------


def no_warnings_base() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Segments a <- b <- c, d <- a and services that give no warning at all."""
    return (
        [seg("a"), seg("b", "a"), seg("c", "b"), seg("d", "a")],
        [
            svc("m", knockout="true", competition="standard", reviewed="2026-01-01"),
            svc("s", "soll", levels={"c": "muss"}, competition="some", knockout="true"),
            svc("k", "kann", levels={"d": "none"}, competition="none", reviewed="2026-06-01"),
        ],
    )


def test_the_warning_table_base_gives_no_warning() -> None:
    assert checked(*no_warnings_base()) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        # knockout on a service that is Muss in no segment
        ({"s": {"levels": {}}}, [("knockout-not-muss", ("services", 1, "knockout"), "s")]),
        ({"k": {"knockout": "true"}}, [("knockout-not-muss", ("services", 2, "knockout"), "k")]),
        ({"k": {"knockout": "false"}}, []),
        # ... but a knock-out on a service scored as Muss because of competition is fine
        (
            {"k": {"knockout": "true", "competition": "standard"}},
            [("competition-standard", ("services", 2, "competition"), "k")],
        ),
        # competition: standard on a service that is not Muss in every segment
        (
            {"s": {"competition": "standard"}},
            [("competition-standard", ("services", 1, "competition"), "s")],
        ),
        # where it does not apply (entfaellt) it need not be Muss
        ({"m": {"levels": {"d": "entfaellt"}}}, []),
        (
            {"m": {"levels": {"d": "soll"}}},
            [("competition-standard", ("services", 0, "competition"), "m")],
        ),
        # reviewed in the future
        (
            {"m": {"reviewed": "2026-06-02"}},
            [("reviewed-future", ("services", 0, "reviewed"), "m")],
        ),
        ({"m": {"reviewed": "2026-06-01"}}, []),
        # a service without action
        ({"k": {"action": None}}, [("missing-action", ("services", 2), "k")]),
        ({"k": {"action": "  "}}, [("missing-action", ("services", 2), "k")]),
        ({"k": {"action": ""}}, [("missing-action", ("services", 2), "k")]),
    ],
)
def test_service_warnings(
    change: dict[str, dict[str, Any]], expected: list[tuple[Any, ...]]
) -> None:
    segments, services = no_warnings_base()
    for item in services:
        item.update(change.get(item["id"], {}))
    problems = checked(segments, services)
    assert [(p.rule, p.loc, p.key) for p in problems] == expected
    assert all(p.severity is Severity.WARNING for p in problems)


def test_a_segment_with_no_applicable_service_is_warned() -> None:
    segments, services = no_warnings_base()
    segments.append(seg("leer"))
    for item in services:
        item["levels"] = {**item.get("levels", {}), "leer": "none"}
    segments.append(seg("unter", "leer"))  # inherits that nothing applies
    problems = checked(segments, services)
    assert [(p.rule, p.loc, p.key, p.severity) for p in problems] == [
        ("empty-segment", ("segments", 4), "leer", Severity.WARNING),
        ("empty-segment", ("segments", 5), "unter", Severity.WARNING),
    ]
    assert problems[0].message == "segment 'leer' has no applicable service"


def test_every_service_entfaellt_by_default_empties_every_segment() -> None:
    problems = checked([seg("a"), seg("b", "a")], [svc("x", "entfaellt"), svc("y", "none")])
    assert [p.rule for p in problems] == ["empty-segment", "empty-segment"]


# --- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("segments", "services", "expected"),
    [
        (
            [seg("a"), seg("a")],
            [svc("x")],
            [("duplicate-id", ("segments", 1, "id"), "duplicate segment id 'a'", "a")],
        ),
        (
            [seg("a")],
            [svc("x"), svc("y"), svc("x")],
            [("duplicate-id", ("services", 2, "id"), "duplicate service id 'x'", "x")],
        ),
        (
            [seg("standard"), seg("key", "standard")],
            [svc("x", levels={"standart": "soll"})],
            [
                (
                    "unknown-segment",
                    ("services", 0, "levels", "standart"),
                    "unknown segment 'standart' (did you mean 'standard'?)",
                    "x",
                )
            ],
        ),
        (
            [seg("standard"), seg("key", "standrd")],
            [svc("x")],
            [
                (
                    "unknown-segment",
                    ("segments", 1, "extends"),
                    "unknown segment 'standrd' (did you mean 'standard'?)",
                    "key",
                )
            ],
        ),
        (
            [seg("standard"), seg("key", "zzz")],
            [svc("x")],
            [("unknown-segment", ("segments", 1, "extends"), "unknown segment 'zzz'", "key")],
        ),
        (
            [seg("a", goals=[{"services": ["wartung", "wartnug"], "min": 50}])],
            [svc("wartung")],
            [
                (
                    "unknown-service",
                    ("segments", 0, "goals", 0, "services", 1),
                    "unknown service 'wartnug' (did you mean 'wartung'?)",
                    "a",
                )
            ],
        ),
        (
            [seg("a", "a")],
            [svc("x")],
            [("extends-cycle", ("segments", 0, "extends"), "'extends' forms a cycle: a -> a", "a")],
        ),
        (
            [seg("a", "b"), seg("b", "a")],
            [svc("x")],
            [
                # once per cycle, at the cycle's first segment in the file
                (
                    "extends-cycle",
                    ("segments", 0, "extends"),
                    "'extends' forms a cycle: a -> b -> a",
                    "a",
                ),
            ],
        ),
        (
            [seg("a", "c"), seg("b", "a"), seg("c", "b"), seg("ok")],
            [svc("x")],
            [
                ("extends-cycle", ("segments", 0, "extends"), "a -> c -> b -> a", "a"),
            ],
        ),
    ],
)
def test_catalog_errors(
    segments: list[dict[str, Any]], services: list[dict[str, Any]], expected: list[tuple[Any, ...]]
) -> None:
    problems = checked(segments, services)
    assert [(p.rule, p.loc, p.key) for p in problems] == [(r, loc, k) for r, loc, _, k in expected]
    for problem, (_, _, message, _) in zip(problems, expected, strict=True):
        assert problem.severity is Severity.ERROR
        assert message in problem.message
        if "did you mean" not in message:
            assert "did you mean" not in problem.message


def test_a_segment_extending_into_a_cycle_is_not_reported_again() -> None:
    # d only leads into the cycle a -> b -> a: the cycle is reported once, at a
    problems = checked([seg("d", "a"), seg("a", "b"), seg("b", "a")], [svc("x")])
    assert [(p.rule, p.key, p.loc) for p in problems] == [
        ("extends-cycle", "a", ("segments", 1, "extends"))
    ]


def test_unknown_segment_in_levels_points_at_the_key() -> None:
    problems = checked([seg("a")], [svc("x", levels={"b": "soll"})])
    assert [(p.rule, p.at_key) for p in problems] == [("unknown-segment", True)]


def test_errors_suppress_warnings() -> None:
    # warnings are computed on a resolved catalog, which needs valid ids first
    problems = checked([seg("a")], [svc("x", action=None), svc("x")])
    assert [p.rule for p in problems] == ["duplicate-id"]


def test_resolution_of_the_builtin_catalog_matches_its_comments() -> None:
    from kundenaudit.score.catalogs import load_catalog

    cat, _ = load_catalog(None, TODAY)
    parents = {s.id: s.extends for s in cat.spec.segments}
    for segment_id, segment in cat.segments.items():
        parent = parents[segment_id]
        if parent is None:
            continue
        for service_id, level in segment.levels.items():
            own = cat.services[service_id].levels.get(segment_id)
            if own is None:  # not overridden here: inherited from the parent
                assert level == cat.segments[parent].levels[service_id]
