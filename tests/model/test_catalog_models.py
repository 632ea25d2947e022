"""The catalog models (SPEC §1, §2.1): level words, defaults, ranges, unknown keys."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from kundenaudit.model.catalog_file import CatalogFile, GoalSpec, SegmentSpec, ServiceSpec, Weights
from kundenaudit.model.vocabulary import Level, parse_level


def service(**fields: Any) -> dict[str, Any]:
    return {"id": "s", "name": "S", "level": "muss", **fields}


def catalog(**fields: Any) -> dict[str, Any]:
    base = {
        "kundenaudit": 1,
        "name": "T",
        "segments": [{"id": "a", "name": "A"}],
        "services": [service()],
    }
    return {**base, **fields}


def error_types(exc: ValidationError) -> list[tuple[tuple[Any, ...], str]]:
    return [(tuple(e["loc"]), e["type"]) for e in exc.errors()]


# --- level words -------------------------------------------------------------------------------

LEVEL_ALIASES = [
    ("muss", "muss"),
    ("must", "muss"),
    ("MUSS", "muss"),
    ("Must", "muss"),
    (" muss ", "muss"),
    ("soll", "soll"),
    ("sollte", "soll"),
    ("should", "soll"),
    ("SOLL", "soll"),
    ("Sollte", "soll"),
    ("kann", "kann"),
    ("can", "kann"),
    ("may", "kann"),
    ("KANN", "kann"),
    ("May", "kann"),
]
ENTFAELLT_ALIASES = ["entfaellt", "none", "-", "Entfaellt", "NONE", "entfällt"]


@pytest.mark.parametrize(("raw", "canonical"), LEVEL_ALIASES)
def test_level_aliases_in_service_level_levels_and_goals(raw: str, canonical: str) -> None:
    svc = ServiceSpec.model_validate(service(level=raw, levels={"a": raw}))
    assert svc.level == canonical
    assert svc.levels == {"a": canonical}
    assert GoalSpec.model_validate({"level": raw, "min": 50}).level == canonical
    assert Level(canonical).label == canonical.capitalize()  # shown as Muss / Soll / Kann


@pytest.mark.parametrize("raw", ENTFAELLT_ALIASES)
def test_entfaellt_aliases_where_a_service_may_not_apply(raw: str) -> None:
    svc = ServiceSpec.model_validate(service(level=raw, levels={"a": raw}))
    assert svc.level == "entfaellt"
    assert svc.levels == {"a": "entfaellt"}


@pytest.mark.parametrize("raw", ENTFAELLT_ALIASES)
def test_a_goal_cannot_measure_entfaellt(raw: str) -> None:
    with pytest.raises(ValidationError) as info:
        GoalSpec.model_validate({"level": raw, "min": 50})
    assert error_types(info.value) == [(("level",), "level")]
    assert "use one of: muss, soll, kann)" in info.value.errors()[0]["msg"]


@pytest.mark.parametrize("raw", ["mandatory", "optional", "muss!", "", "m", "yes", "true"])
def test_unknown_level_words_are_rejected_with_the_choices(raw: str) -> None:
    with pytest.raises(ValidationError) as info:
        ServiceSpec.model_validate(service(level=raw))
    err = info.value.errors()[0]
    assert (err["loc"], err["type"]) == (("level",), "level")
    hint = " (did you mean 'muss'?)" if raw == "muss!" else ""
    assert err["msg"] == f"unknown level '{raw}'{hint} (use one of: muss, soll, kann, entfaellt)"


@pytest.mark.parametrize(("raw", "close"), [("sol", "soll"), ("Kan", "kann"), ("mus", "muss")])
def test_misspelt_level_words_get_a_suggestion(raw: str, close: str) -> None:
    with pytest.raises(ValidationError) as info:
        ServiceSpec.model_validate(service(level=raw))
    assert f"(did you mean '{close}'?)" in info.value.errors()[0]["msg"]


def test_parse_level_is_the_single_alias_table() -> None:
    assert parse_level("Sollte", allow_entfaellt=False) == "soll"
    assert parse_level("none", allow_entfaellt=False) is None
    assert parse_level("none", allow_entfaellt=True) == "entfaellt"
    assert parse_level("nope", allow_entfaellt=True) is None


# --- defaults ----------------------------------------------------------------------------------


def test_catalog_defaults() -> None:
    cf = CatalogFile.model_validate(catalog())
    assert (cf.weights.muss, cf.weights.soll, cf.weights.kann) == (3, 2, 1)
    assert cf.review_interval_days == 365
    assert cf.language == "de"
    svc = cf.services[0]
    assert (svc.weight, svc.knockout, svc.competition, svc.effort) == (1, False, None, None)
    assert svc.levels == {}
    assert cf.segments[0].goals == ()
    assert cf.segments[0].extends is None


def test_weights_given_in_part_keep_the_other_defaults() -> None:
    cf = CatalogFile.model_validate(catalog(weights={"soll": "2.5"}))
    assert (cf.weights.muss, cf.weights.soll, cf.weights.kann) == (3, 2.5, 1)
    assert Weights() == Weights(muss=3, soll=2, kann=1)


def test_values_arrive_as_strings_from_yaml_and_are_converted() -> None:
    svc = ServiceSpec.model_validate(
        service(weight="2.5", effort="3", knockout="true", reviewed="2026-03-01")
    )
    assert svc.reviewed is not None
    assert (svc.weight, svc.effort, svc.knockout, svc.reviewed.isoformat()) == (
        2.5,
        3,
        True,
        "2026-03-01",
    )


# --- ranges ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "ok"),
    [
        ({"weight": "0"}, False),
        ({"weight": "-1"}, False),
        ({"weight": "0.01"}, True),
        ({"effort": "0"}, False),
        ({"effort": "1"}, True),
        ({"effort": "5"}, True),
        ({"effort": "6"}, False),
        ({"effort": "2.5"}, False),
    ],
)
def test_service_weight_and_effort_ranges(fields: dict[str, str], ok: bool) -> None:
    if ok:
        ServiceSpec.model_validate(service(**fields))
        return
    with pytest.raises(ValidationError) as info:
        ServiceSpec.model_validate(service(**fields))
    assert [e["loc"] for e in info.value.errors()] == [tuple(fields)]


@pytest.mark.parametrize(
    ("minimum", "ok"), [("-0.1", False), ("0", True), ("100", True), ("100.5", False)]
)
def test_goal_min_is_a_percentage(minimum: str, ok: bool) -> None:
    if ok:
        assert GoalSpec.model_validate({"level": "soll", "min": minimum}).min == float(minimum)
        return
    with pytest.raises(ValidationError) as info:
        GoalSpec.model_validate({"level": "soll", "min": minimum})
    assert [e["loc"] for e in info.value.errors()] == [("min",)]


@pytest.mark.parametrize("level", ["muss", "soll", "kann"])
@pytest.mark.parametrize("value", ["0", "-3"])
def test_level_weights_must_be_positive(level: str, value: str) -> None:
    with pytest.raises(ValidationError) as info:
        CatalogFile.model_validate(catalog(weights={level: value}))
    assert [e["loc"] for e in info.value.errors()] == [("weights", level)]


@pytest.mark.parametrize(
    "goal",
    [
        {"min": 50},
        {"level": "soll", "services": ["s"], "min": 50},
        {"services": [], "min": 50},
    ],
)
def test_a_goal_names_a_level_or_services(goal: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        GoalSpec.model_validate(goal)


def test_a_coverage_goal_needs_min() -> None:
    # which extent goes with which content (min: coverage, target: metric) is checked with
    # the catalog, so each mistake is located at its own key
    from kundenaudit.model.catalog_file import CatalogFile
    from kundenaudit.score.metrics import check

    cf = CatalogFile.model_validate(
        {
            "kundenaudit": 1,
            "name": "K",
            "segments": [{"id": "a", "name": "A", "goals": [{"level": "soll"}]}],
            "services": [{"id": "s", "name": "S", "level": "muss"}],
        }
    )
    assert [(p.loc, p.rule) for p in check(cf)] == [(("segments", 0, "goals", 0), "goal-no-min")]


# --- ids, keys, version ------------------------------------------------------------------------


@pytest.mark.parametrize("ident", ["a", "schluessel-kunde", "k_1", "2026", "0777"])
def test_valid_ids(ident: str) -> None:
    assert SegmentSpec.model_validate({"id": ident, "name": "X"}).id == ident


@pytest.mark.parametrize("ident", ["Standard", "1.10", "-a", "_a", "a b", "ä", ""])
def test_invalid_ids(ident: str) -> None:
    with pytest.raises(ValidationError) as info:
        SegmentSpec.model_validate({"id": ident, "name": "X"})
    assert [e["loc"] for e in info.value.errors()] == [("id",)]


def test_invalid_segment_id_as_levels_key() -> None:
    with pytest.raises(ValidationError) as info:
        ServiceSpec.model_validate(service(levels={"Standard": "soll"}))
    assert [e["loc"] for e in info.value.errors()] == [("levels", "Standard", "[key]")]


@pytest.mark.parametrize(
    ("where", "data"),
    [
        ((), {"nmae": "x"}),
        (("segments", 0), {"segments": [{"id": "a", "name": "A", "goal": []}]}),
        (("services", 0), {"services": [service(categroy="x")]}),
        (("weights",), {"weights": {"must": 3}}),
    ],
)
def test_unknown_keys_are_errors(where: tuple[Any, ...], data: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as info:
        CatalogFile.model_validate(catalog(**data))
    extra = [e for e in info.value.errors() if e["type"] == "extra_forbidden"]
    assert len(extra) == 1
    assert tuple(extra[0]["loc"][:-1]) == where


@pytest.mark.parametrize(("version", "ok"), [("1", True), (1, True), ("2", False), ("0", False)])
def test_format_version(version: object, ok: bool) -> None:
    if ok:
        assert CatalogFile.model_validate(catalog(kundenaudit=version)).kundenaudit == 1
        return
    with pytest.raises(ValidationError) as info:
        CatalogFile.model_validate(catalog(kundenaudit=version))
    assert "unsupported format version" in info.value.errors()[0]["msg"]


@pytest.mark.parametrize("key", ["segments", "services"])
def test_a_catalog_needs_segments_and_services(key: str) -> None:
    with pytest.raises(ValidationError):
        CatalogFile.model_validate(catalog(**{key: []}))


def test_models_are_frozen() -> None:
    cf = CatalogFile.model_validate(catalog())
    with pytest.raises(ValidationError):
        cf.name = "other"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        cf.services[0].level = "kann"  # type: ignore[misc]
