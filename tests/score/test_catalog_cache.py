"""The built-in catalog's cache: current, exact, and used only for the bytes it was made from."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from kundenaudit.load.builtin_cache import cache_path, read_cache
from kundenaudit.load.documents import builtin_catalog_path, read_bytes
from kundenaudit.load.snapshots import sha256
from kundenaudit.model.catalog import Catalog
from kundenaudit.model.errors import Severity
from kundenaudit.score import catalogs as catalogs_mod
from kundenaudit.score.catalog import check
from kundenaudit.score.catalog_cache import decode, encode
from kundenaudit.score.catalogs import builtin_catalog, load_catalog
from kundenaudit.score.resolved import scoring
from tests import realdata

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 12, 2)
# every catalog of the repository: between them they use every field a catalog can have
CATALOGS = sorted(
    [
        *(ROOT / "catalogs").glob("*.yaml"),
        *(ROOT / "tests" / "data" / "good_catalogs").glob("*.yaml"),
        *(ROOT / "tests" / "data").glob("*/*catalog*.yaml"),
        *realdata.catalogs(),
    ]
)


def parts(cat: Catalog) -> dict[str, Any]:
    """Everything scoring and the renderers read of a catalog (``Catalog`` compares by id)."""
    s = scoring(cat)
    return {
        "name": cat.name,
        "version": cat.version,
        "source": cat.source,
        "language": cat.language,
        "weights": cat.weights,
        "metrics": list(cat.metrics.items()),
        "services": list(cat.services.items()),
        "segments": list(cat.segments.items()),
        "members": [[g.members for g in seg.goals] for seg in cat.segments.values()],
        "costs": s.costs,
        "margin": s.margin,
        "number types": [type(v.weight) for v in cat.services.values()]
        + [type(w) for w in vars(cat.weights).values()],
    }


def _no_file() -> Any:
    raise AssertionError("the file model is not read")


def test_the_shipped_cache_is_the_resolution_of_the_shipped_catalog(update_golden: bool) -> None:
    path = builtin_catalog_path()
    fresh = encode(load_catalog(None, TODAY)[0], sha256(read_bytes(path)))
    if update_golden:
        cache_path(path).write_text(fresh, encoding="utf-8")
    assert read_cache(path) == fresh, "run pytest --update-golden after changing the catalog"


def test_the_built_in_catalog_comes_from_its_cache_and_equals_the_resolved_file() -> None:
    cat, source = builtin_catalog(TODAY)
    resolved = load_catalog(None, TODAY)[0]
    assert parts(cat) == parts(resolved)
    assert source.sha256 == sha256(read_bytes(builtin_catalog_path()))
    assert source.display == "<built-in>/standard.yaml"
    # from the cache: its file model is read only when asked for, then once
    assert cat.file is not resolved.file
    assert cat.spec == resolved.spec
    assert cat.spec is cat.spec


def test_the_built_in_catalog_has_no_errors_on_any_date() -> None:
    """The cache skips the catalog checks: only their warnings depend on the date."""
    spec = load_catalog(None, TODAY)[0].spec
    for today in (dt.date(1970, 1, 1), TODAY, dt.date(2999, 12, 31)):
        assert [p for p in check(spec, today) if p.severity is Severity.ERROR] == []


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.name)
def test_every_catalog_comes_back_from_its_cache_unchanged(path: Path) -> None:
    cat = load_catalog(path, TODAY)[0]
    back = decode(encode(cat, "x"), "x", _no_file)
    assert back is not None
    assert parts(back) == parts(cat)


def test_the_repository_catalogs_cover_the_fields_a_cache_must_carry() -> None:
    """Dates, competition, costs, metrics, metric goals and coverage goals by date appear, so
    the round trip above tests each of them."""
    cats = [load_catalog(p, TODAY)[0] for p in CATALOGS]
    services = [s for c in cats for s in c.services.values()]
    goals = [g for c in cats for seg in c.segments.values() for g in seg.goals]
    assert any(s.reviewed for s in services) and any(s.competition for s in services)
    assert any(s.cost is not None for s in services) and any(s.previous_ids for s in services)
    assert any(s.levels for s in services) and any(s.level == "entfaellt" for s in services)
    segments = [seg for c in cats for seg in c.segments.values()]
    assert any(c.metrics for c in cats) and any(seg.metric_goals for seg in segments)
    assert any(g.by for g in goals) and any(g.services for g in goals)
    assert any(isinstance(s.weight, int) for s in services)
    assert any(isinstance(s.weight, float) for s in services)


METRIC = {
    "id": "m",
    "name": "M",
    "kind": "oekonomisch",
    "unit": None,
    "better": "higher",
    "margin": False,
}
SEGMENT = {"id": "s", "name": "S", "levels": {"a": "muss"}, "goals": [], "metric_goals": []}


def _cache_with(**changes: Any) -> str:
    data = json.loads(read_cache(builtin_catalog_path()) or "")
    data.update(changes)
    return json.dumps(data)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not json",
        "[]",
        _cache_with(cache=2),
        _cache_with(sha256="0" * 64),
        _cache_with(services=[{"id": "a"}]),  # a field missing
        _cache_with(metrics=[{**METRIC, "kind": "anders"}]),
        _cache_with(weights={"muss": 3, "soll": 2}),
        _cache_with(metrics=[{k: v for k, v in METRIC.items() if k != "margin"}]),
        _cache_with(segments=[{**SEGMENT, "goals": "x"}]),
    ],
    ids=["empty", "text", "list", "format", "sha", "field", "enum", "weights", "metric", "goals"],
)
def test_what_is_not_a_cache_of_these_bytes_is_declined(text: str) -> None:
    digest = sha256(read_bytes(builtin_catalog_path()))
    assert decode(text, digest, _no_file) is None


@pytest.mark.parametrize("cache", [None, _cache_with(sha256="0" * 64), "{"])
def test_without_a_usable_cache_the_file_is_read(
    cache: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(catalogs_mod, "read_cache", lambda _path: cache)
    cat, _ = builtin_catalog(TODAY)
    resolved = load_catalog(None, TODAY)[0]
    assert parts(cat) == parts(resolved)
    assert cat.spec == resolved.spec
