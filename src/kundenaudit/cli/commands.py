"""Command bodies: load, compute, render, write (each a few lines of wiring)."""

from __future__ import annotations

import datetime as dt
import enum
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TypeVar

from kundenaudit.cli.output import write_output
from kundenaudit.cli.state import color_wanted, warn
from kundenaudit.model.errors import ExitCode, Severity, UsageError
from kundenaudit.model.i18n import Lang
from kundenaudit.model.suggest import did_you_mean
from kundenaudit.render import suffix_map
from kundenaudit.render.formats import CatalogFormat, FindingFormat
from kundenaudit.score.catalogs import load_catalog

E = TypeVar("E", bound=enum.Enum)


def choose_format(
    command: str, fmt: E | None, output: Path | None, suffixes: Mapping[str, E], piped: E, tty: E
) -> E:
    """The given format; else the one the -o suffix names (a file without a suffix gets
    ``piped``; a suffix that names no format of ``command`` is a usage error); else ``tty`` on a
    terminal and ``piped`` when piped."""
    if fmt is not None:
        return fmt
    if output is not None:
        suffix = output.suffix.lower()
        if not suffix:
            return piped
        if suffix not in suffixes:
            known = ", ".join(suffixes)
            raise UsageError(
                f"{output}: '{suffix}' names no output format of '{command}' (known: {known}); "
                "choose one with --format"
            )
        return suffixes[suffix]
    return tty if sys.stdout.isatty() else piped


def validate(
    files: list[str],
    catalog: Path | None,
    fmt: FindingFormat,
    strict: bool,
    mapping: Path | None = None,
    no_color: bool = False,
    sheet: str | None = None,
) -> int:
    """Check every file; exit 1 on errors (or warnings with --strict).

    Records and mapping files are checked against --catalog, else the one catalog among the
    inputs, else the built-in catalog; the summary names it."""
    from kundenaudit.load.discovery import expand  # noqa: PLC0415
    from kundenaudit.load.documents import load_mapping  # noqa: PLC0415
    from kundenaudit.render.findings import RENDERERS  # noqa: PLC0415
    from kundenaudit.score.validate import SUFFIXES, catalog_label, validate_files  # noqa: PLC0415

    today = dt.date.today()
    found = expand(files, SUFFIXES)
    given = load_catalog(catalog, today)[0] if catalog is not None else None
    name = catalog_label(given, catalog) if given is not None else ""
    spec = load_mapping(mapping).mapping if mapping else None
    result = validate_files(found, given, today, spec, name, sheet)
    if not result.files:
        raise UsageError(
            f"no kundenaudit file in {', '.join(files)}: nothing was checked (catalogs, "
            "records and mapping files carry 'kundenaudit: 1'; CSV exports end in .csv)"
        )
    render = RENDERERS[fmt]
    if fmt is FindingFormat.TEXT and color_wanted(sys.stdout, no_color):
        from kundenaudit.render import findings_color  # noqa: PLC0415

        render = findings_color.text
    write_output([render(result, strict)], None, verbatim=fmt is FindingFormat.GITHUB)
    errors, warnings = result.count(Severity.ERROR), result.count(Severity.WARNING)
    if result.used_catalog:
        warn(f"records and mapping files checked against {result.catalog}")
    warn(f"{len(result.files)} file(s) checked: {errors} error(s), {warnings} warning(s)")
    return ExitCode.FINDINGS if result.failed(strict) else ExitCode.OK


def schema(name: str) -> None:
    """Print one JSON Schema."""
    from kundenaudit.model.schemas import SchemaName, json_schema  # noqa: PLC0415
    from kundenaudit.render.json_ import dumps  # noqa: PLC0415

    names = [s.value for s in SchemaName]
    if name not in names:
        raise UsageError(
            f"unknown schema '{name}'{did_you_mean(name, names)}; choose one of: {', '.join(names)}"
        )
    write_output([dumps(json_schema(SchemaName(name)))], None)


def show_catalog(
    file: Path | None,
    segments: list[str],
    fmt: CatalogFormat | None,
    lang: Lang | None,
    no_color: bool,
    output: Path | None,
) -> None:
    """Render the resolved matrix."""
    from kundenaudit.render import catalog_render  # noqa: PLC0415

    cat, sink = load_catalog(file, dt.date.today())
    for finding in sink.findings:
        warn(finding.format())
    for seg in segments:
        if seg not in cat.segments:
            raise UsageError(f"unknown segment '{seg}'{did_you_mean(seg, cat.segments)}")
    language = lang or Lang(cat.language)
    chosen = choose_format(
        "catalog",
        fmt,
        output,
        suffix_map(catalog_render.RENDERERS),
        CatalogFormat.MARKDOWN,
        CatalogFormat.TABLE,
    )
    color = output is None and color_wanted(sys.stdout, no_color)
    width = shutil.get_terminal_size().columns if output is None and sys.stdout.isatty() else None
    shown = segments or list(cat.segments)
    text = catalog_render.render(chosen, cat, shown, language, color, width)
    write_output([text], output, [file] if file else [])
