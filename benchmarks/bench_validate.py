"""Validating a large catalog: 1,000 services x 10 segments.

Target: validating the catalog in-process (modules imported before timing) takes <= 2x the time
libyaml alone needs to parse it (`yaml.load(text, Loader=yaml.CSafeLoader)`). The candidate is
`kundenaudit.score.validate.validate_paths([path])` (or `loading.validate_paths`, else
`loading.load_catalog`, whichever exists). The generated catalog must validate without errors.
For information: whole process, `kundenaudit validate FILE` against a fresh
`python -c "import yaml; yaml.load(...)"`, and with `--compare-src DIR` the same process run by
the kundenaudit of another source tree (before/after; both trees through the same launcher).
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import _common as c

PARSE = (
    "import sys, yaml\n"
    "with open(sys.argv[1], encoding='utf-8') as f:\n"
    "    yaml.load(f.read(), Loader=yaml.CSafeLoader)"
)


def candidate(path: Path) -> tuple[str, Callable[[], Any]]:
    """The in-process validation entry point that exists, as (name, zero-argument call)."""
    for module in ("kundenaudit.score.validate", "kundenaudit.load.documents"):
        try:
            mod = importlib.import_module(module)
        except ImportError:
            continue
        if hasattr(mod, "validate_paths"):
            return f"{module}.validate_paths", partial(mod.validate_paths, [path])
    load = importlib.import_module("kundenaudit.score.catalogs").load_catalog
    if len(inspect.signature(load).parameters) > 1:  # load_catalog(path, today)
        return "kundenaudit.score.catalogs.load_catalog", lambda: load(path, dt.date.today())
    return "kundenaudit.score.catalogs.load_catalog", partial(load, path)


def errors_in(result: Any) -> list[str]:
    """Error findings of a validation result (a catalog object from load_catalog has none)."""
    findings = getattr(result, "findings", [])
    return [
        f.format() if hasattr(f, "format") else str(f)
        for f in findings
        if "error" in str(getattr(f, "severity", "")).lower()
    ]


def main() -> int:
    p = c.parser(__doc__)
    p.add_argument("--compare-src", type=Path, help="also measure kundenaudit from this src/")
    args = p.parse_args()
    import yaml

    c.use_working_tree()
    with c.workdir() as d:
        path = d / "catalog.yaml"
        path.write_text(c.validate_catalog(1000, 10), encoding="utf-8")
        text = path.read_text(encoding="utf-8")
        name, validate = candidate(path)
        errors = errors_in(validate())
        for e in errors[:10]:
            print(e)
        checks = [c.Check("generated catalog validates", not errors, f"{len(errors)} errors")]
        ours = c.best_of(validate, args.repeat)
        base = c.best_of(lambda: yaml.load(text, Loader=yaml.CSafeLoader), args.repeat)
        proc, pbase = c.measure_pair(
            c.tool("validate", str(path)), c.py(PARSE, str(path)), args.repeat
        )
        print(f"candidate: {name}; catalog {path.stat().st_size / 1024:.0f} KiB")
        rows = [
            c.Row("in-process validate vs CSafeLoader", ours, base, "s", 2.0),
            c.Row("process: validate FILE vs python+yaml", proc.best_s, pbase.best_s, "s"),
            c.Row("process peak memory", proc.peak_mib, pbase.peak_mib, "MiB"),
        ]
        if args.compare_src is not None:
            cmd = ("validate", str(path))
            ours_p, theirs_p = c.measure_pair(
                c.tool_from(c.SRC, *cmd),
                c.tool_from(args.compare_src.resolve(), *cmd),
                args.repeat,
            )
            rows.append(
                c.Row("process: validate vs --compare-src", ours_p.best_s, theirs_p.best_s, "s")
            )
    return c.report(rows, checks, not args.no_check)


if __name__ == "__main__":
    c.main_guard(main)
