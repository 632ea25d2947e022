"""Every command's formats: each has a renderer, the -o suffixes name exactly one format, and
the help texts list what the registry offers."""

from __future__ import annotations

import enum
from collections.abc import Mapping

import pytest
from typer.testing import CliRunner

from kundenaudit.cli.app import app
from kundenaudit.render import (
    HasSuffixes,
    catalog_render,
    choices,
    findings,
    formats,
    score_render,
    suffix_map,
)

REGISTRIES: list[tuple[str, type[enum.Enum], Mapping[enum.Enum, object]]] = [
    ("score", score_render.ScoreFormat, score_render.RENDERERS),  # type: ignore[list-item]
    ("catalog", formats.CatalogFormat, catalog_render.RENDERERS),  # type: ignore[list-item]
    ("validate", formats.FindingFormat, findings.RENDERERS),  # type: ignore[list-item]
]
WITH_SUFFIXES: list[tuple[str, Mapping[enum.Enum, HasSuffixes]]] = [
    ("score", score_render.RENDERERS),  # type: ignore[list-item]
    ("catalog", catalog_render.RENDERERS),  # type: ignore[list-item]
]


@pytest.mark.parametrize(("command", "formats", "registry"), REGISTRIES)
def test_every_format_has_a_renderer_and_the_help_lists_it(
    command: str, formats: type[enum.Enum], registry: Mapping[enum.Enum, object]
) -> None:
    assert set(registry) == set(formats)
    result = CliRunner().invoke(app, [command, "--help"], terminal_width=200)
    assert result.exit_code == 0
    assert choices(formats) in " ".join(result.stdout.split())


@pytest.mark.parametrize(("command", "registry"), WITH_SUFFIXES)
def test_suffixes_name_one_format_each(
    command: str, registry: Mapping[enum.Enum, HasSuffixes]
) -> None:
    listed = [s for entry in registry.values() for s in entry.suffixes]
    assert len(listed) == len(set(listed)), f"a suffix of {command} names two formats"
    assert all(s.startswith(".") and s == s.lower() for s in listed)
    assert set(suffix_map(registry).values()) == set(registry)  # -o reaches every format


def test_choices_reads_like_a_sentence() -> None:
    assert choices(score_render.ScoreFormat) == "table, markdown, json, csv, html, xlsx or jsonl"
