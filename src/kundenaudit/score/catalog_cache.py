"""The resolved form of a valid catalog as JSON, and back: the built-in catalog is scored from
this cache without its file models (pydantic is a fifth of the start-up of one `score`).

The cache names the SHA-256 of the catalog file it was made from and is used only for those
exact bytes; anything that does not decode as written here is no cache (the catalog is then read
as any other). A test keeps the shipped cache equal to a fresh resolution of the file
(``pytest --update-golden`` rewrites it)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kundenaudit.model.catalog import Catalog, Goal, Metric, MetricGoal, Segment, Service, Weights
from kundenaudit.model.vocabulary import Better, Competition, Level, MetricKind
from kundenaudit.score.resolved import ScoringCatalog, assemble

if TYPE_CHECKING:
    from kundenaudit.model.catalog_file import CatalogFile

CACHE_FORMAT = 1


def encode(cat: Catalog, sha256: str) -> str:
    """The cache text of ``cat``, resolved from the file whose bytes have ``sha256``."""
    data = {
        "cache": CACHE_FORMAT,
        "sha256": sha256,
        "name": cat.name,
        "version": cat.version,
        "source": cat.source,
        "language": cat.language,
        "weights": dataclasses.asdict(cat.weights),
        "metrics": [dataclasses.asdict(m) for m in cat.metrics.values()],
        "services": [dataclasses.asdict(s) for s in cat.services.values()],
        "segments": [_segment_data(s) for s in cat.segments.values()],
    }
    return json.dumps(data, ensure_ascii=False, indent=1, default=_plain) + "\n"


def _segment_data(seg: Segment) -> dict[str, Any]:
    return {
        "id": seg.id,
        "name": seg.name,
        "levels": seg.levels,
        "goals": [_goal_data(g) for g in seg.goals],
        "metric_goals": [dataclasses.asdict(g) for g in seg.metric_goals],
    }


def _goal_data(goal: Goal) -> dict[str, Any]:
    return {f.name: getattr(goal, f.name) for f in dataclasses.fields(Goal) if f.init}


def _plain(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"not in a catalog cache: {value!r}")  # pragma: no cover - encode's types


def decode(text: str, sha256: str, file: Callable[[], CatalogFile]) -> ScoringCatalog | None:
    """The catalog ``text`` holds when it was made from bytes with ``sha256``, else None."""
    try:
        data = json.loads(text)
        if data["cache"] != CACHE_FORMAT or data["sha256"] != sha256:
            return None
        return assemble(
            name=data["name"],
            version=data["version"],
            source=data["source"],
            language=data["language"],
            weights=Weights(**_exactly(Weights, data["weights"])),
            metrics={m["id"]: _metric(m) for m in data["metrics"]},
            services={s["id"]: _service(s) for s in data["services"]},
            segments={s["id"]: _segment(s) for s in data["segments"]},
            file=file,
        )
    except (ValueError, KeyError, TypeError):  # not a cache of this format: read the file
        return None


def _date(raw: str | None) -> dt.date | None:
    return None if raw is None else dt.date.fromisoformat(raw)


def _exactly(cls: type[Any], d: dict[str, Any]) -> dict[str, Any]:
    """``d`` when it has exactly the fields of ``cls``: the classes have defaults, and a cache
    of another layout is no cache."""
    if d.keys() != {f.name for f in dataclasses.fields(cls)}:
        raise KeyError(cls.__name__)
    return d


def _service(d: dict[str, Any]) -> Service:
    comp = _exactly(Service, d)["competition"]
    return Service(
        **{
            **d,
            "competition": None if comp is None else Competition(comp),
            "reviewed": _date(d["reviewed"]),
            "previous_ids": tuple(d["previous_ids"]),
        }
    )


def _metric(d: dict[str, Any]) -> Metric:
    d = _exactly(Metric, d)
    return Metric(**{**d, "kind": MetricKind(d["kind"]), "better": Better(d["better"])})


def _level(raw: str | None) -> Level | None:
    return None if raw is None else Level(raw)


def _segment(d: dict[str, Any]) -> Segment:
    goals = tuple(
        Goal(
            level=_level(g["level"]),
            services=None if g["services"] is None else tuple(g["services"]),
            min=g["min"],
            by=_date(g["by"]),
            implicit=g["implicit"],
        )
        for g in d["goals"]
    )
    metric_goals = tuple(
        MetricGoal(g["metric"], g["target"], _date(g["by"])) for g in d["metric_goals"]
    )
    return Segment(
        id=d["id"],
        name=d["name"],
        levels={sid: _level(word) for sid, word in d["levels"].items()},
        goals=goals,
        metric_goals=metric_goals,
    )
