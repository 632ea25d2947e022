"""The `init` command: a starter catalog, an example record, pre-commit and CI files (SPEC §12)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from kundenaudit import __version__
from kundenaudit.cli.output import write_output
from kundenaudit.cli.state import warn
from kundenaudit.load.templates import template
from kundenaudit.model.errors import UsageError
from kundenaudit.model.options import Ci

# the files every init writes: path inside DIR -> template (None: a JSON Schema, by name)
BASE_FILES: dict[str, str | None] = {
    "catalog.yaml": "catalog.yaml",
    "customers/example.yaml": "example.yaml",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    "schemas/catalog.schema.json": None,
    "schemas/customer.schema.json": None,
}
# per CI: (file written into DIR or None to print it, template)
CI_FILES: dict[Ci, tuple[str | None, str] | None] = {
    Ci.GITHUB: (".github/workflows/kundenaudit.yml", "github-workflow.yml"),
    Ci.GITLAB: (None, "gitlab-ci.yml"),
    Ci.NONE: None,
}


@dataclass(frozen=True)
class Plan:
    """What an init writes (relative path -> text) and what it prints."""

    files: dict[str, str]
    printed: str | None


def plan(ci: Ci, today: dt.date) -> Plan:
    """The files of an init on ``today``, pinned to the installed version."""
    from kundenaudit.model.schemas import SchemaName, json_schema  # noqa: PLC0415
    from kundenaudit.render.json_ import dumps  # noqa: PLC0415

    values = {"version": __version__, "today": today.isoformat()}
    files: dict[str, str] = {}
    for rel, name in BASE_FILES.items():
        if name is None:
            schema = SchemaName(Path(rel).name.split(".")[0])
            files[rel] = dumps(json_schema(schema))
        else:
            files[rel] = template(name, values)
    printed = None
    ci_file = CI_FILES[ci]
    if ci_file is not None:
        target, name = ci_file
        if target is None:
            printed = template(name, values)
        else:
            files[target] = template(name, values)
    return Plan(files, printed)


def conflicts(directory: Path, files: dict[str, str], force: bool) -> list[str]:
    """Every planned file that exists already (without --force) or cannot be replaced."""
    found = []
    for rel in files:
        path = directory / rel
        if not (path.exists() or path.is_symlink()):
            continue
        if not force:
            found.append(f"{rel} exists")
        elif path.is_symlink() or not path.is_file():
            found.append(f"{rel} exists and is not a regular file")
    return found


def run(directory: Path, ci: Ci, force: bool, today: dt.date) -> None:
    """Check every target first; write all files or none."""
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{directory}: is not a directory")
    the_plan = plan(ci, today)
    problems = conflicts(directory, the_plan.files, force)
    if problems:
        hint = "" if force else "; nothing was written (--force overwrites)"
        raise UsageError(f"{directory}: " + ", ".join(problems) + hint)
    for rel, text in the_plan.files.items():
        path = directory / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        write_output([text], path, verbatim=True)
        warn(f"wrote {path.as_posix()}")
    if the_plan.printed is not None:
        warn("the GitLab CI job follows on stdout: merge it into .gitlab-ci.yml")
        write_output([the_plan.printed], None, verbatim=True)
    where = "" if directory == Path(".") else f"cd {directory.as_posix()} && "
    warn(
        f"next: {where}kundenaudit validate catalog.yaml customers/ --catalog catalog.yaml "
        "--strict && kundenaudit score customers/ --catalog catalog.yaml"
    )
