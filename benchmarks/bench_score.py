"""Scoring one customer with the built-in catalog, whole process.

Target: `kundenaudit score examples/gruen.yaml --format json` takes <= 1.3x the time of
`python -c "import typer, rich.console, rich.table, pydantic, yaml, tabulate"` (the bare cost of
the dependencies). `--compare-src DIR` also runs the kundenaudit of another source tree (e.g. an
older checkout's `src/`) and this one, both through the same launcher, on a generated record both
trees read, and prints the before/after ratio (information). When examples/gruen.yaml is missing,
a record that fulfils every service of `catalogs/standard.yaml` is generated instead.
The row "catalog file" (information) scores the same record with the built-in catalog's bytes
given as `--catalog FILE`: a catalog file is not scored from the cache but read and checked each
run, without its pydantic file models when it is plainly valid (as the built-in one is).
"""

from __future__ import annotations

import json
from pathlib import Path

import _common as c

IMPORTS = "import typer, rich.console, rich.table, pydantic, yaml, tabulate"


STANDARD = c.ROOT / "catalogs" / "standard.yaml"


def record(d: Path, generated: bool = False) -> Path:
    """examples/gruen.yaml, or a generated record for the standard catalog's first segment.

    ``generated`` always generates it: an older tree may not read today's example (new keys).
    """
    example = c.ROOT / "examples" / "gruen.yaml"
    if example.exists() and not generated:
        return example
    import yaml

    with open(STANDARD, encoding="utf-8") as f:
        catalog = yaml.load(f, Loader=yaml.CSafeLoader)
    lines = [
        "kundenaudit: 1",
        "customer:",
        "  id: K-1",
        "  name: Bench GmbH",
        f"  segment: {catalog['segments'][0]['id']}",
        "audited: 2026-11-20",
        "services:",
    ]
    lines += [f"  {s['id']}: erfuellt" for s in catalog["services"]]
    path = d / "gruen.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main() -> int:
    p = c.parser(__doc__)
    p.add_argument("--compare-src", type=Path, help="also measure kundenaudit from this src/")
    args = p.parse_args()
    with c.workdir() as d:
        inp, out = record(d), d / "result.json"
        cand, base = c.measure_pair(
            c.tool("score", str(inp), "--format", "json"),
            c.py(IMPORTS),
            args.repeat,
            cand_out=out,
        )
        customers = json.loads(out.read_text(encoding="utf-8"))["customers"]
        rows = [
            c.Row("score 1 customer vs dependency imports", cand.best_s, base.best_s, "s", 1.3),
            c.Row("peak memory", cand.peak_mib, base.peak_mib, "MiB"),
        ]
        as_file = c.tool("score", str(inp), "--format", "json", "--catalog", str(STANDARD))
        with_file, again = c.measure_pair(as_file, c.py(IMPORTS), args.repeat)
        row = c.Row("catalog file vs dependency imports", with_file.best_s, again.best_s, "s")
        rows.append(row)
        if args.compare_src is not None:
            cmd = ("score", str(record(d, generated=True)), "--format", "json")
            ours, theirs = c.measure_pair(
                c.tool_from(c.SRC, *cmd),
                c.tool_from(args.compare_src.resolve(), *cmd),
                args.repeat,
            )
            rows.append(c.Row("score 1 customer vs --compare-src", ours.best_s, theirs.best_s, "s"))
    print(f"input: {inp}; status {customers[0]['status']}, index {customers[0]['index']}")
    return c.report(rows, [], not args.no_check)


if __name__ == "__main__":
    c.main_guard(main)
