"""Portfolio scoring: 10,000 customers x 40 services with per-customer columns, whole process.

The generated long CSV has a `name` and a `value` column, repeated on each of a customer's
rows as CRM exports write them (400,000 rows). Targets, as ratios against peers measured in the
same run:
1. `kundenaudit score deliveries.csv --catalog catalog.yaml --format json` against
   `benchmarks/pandas_baseline.py` on the same files: wall time <= 1.0x with `--jobs 1` and
   <= 0.75x with the default jobs (one process per CPU); peak memory <= 0.5x at both. The same
   index for every customer (+-0.01); the same index and Ampel as the DuckDB peer
   (`benchmarks/duckdb_baseline.py`, for information beside pandas).
2. The same portfolio as 10,000 YAML documents in one file: `kundenaudit score portfolio.yaml`
   <= 1.3x the time of `list(yaml.load_all(text, Loader=yaml.CSafeLoader))` in a fresh process.
3. With `--with-200k`: 20x the customers, grouped by customer: peak memory <= 150 MiB at both
   job settings, and wall time per customer at most 1.25x the 10k run's (linear growth).
`--scale F` multiplies every customer count (e.g. `--scale 0.1` for a quick run);
`--compare-src DIR` also measures the kundenaudit in another source tree (e.g. an older
checkout's `src/`) with the same commands.
"""

from __future__ import annotations

import csv
import json
import math
import os
import sys
from pathlib import Path

import _common as c

LOAD_ALL = (
    "import sys, yaml\n"
    "with open(sys.argv[1], encoding='utf-8') as f:\n"
    "    list(yaml.load_all(f.read(), Loader=yaml.CSafeLoader))"
)
MEMORY_LIMIT_MIB = 150.0
JOBS1 = ("--jobs", "1")


def score_cmd(inp: Path, catalog: Path, *extra: str, src: Path | None = None) -> list[str]:
    args = ("score", str(inp), "--catalog", str(catalog), "--format", "json", *extra)
    return c.tool(*args) if src is None else c.tool_from(src, *args)


def peer_cmd(script: str, deliveries: Path, catalog: Path, out: Path) -> list[str]:
    return [sys.executable, str(c.BENCH / script), str(deliveries), str(catalog), str(out)]


def generate(d: Path, n_customers: int, docs: bool = True) -> tuple[Path, Path, Path]:
    """catalog.yaml, deliveries.csv and (if ``docs``) portfolio.yaml, the same, in ``d``."""
    catalog, deliv, multi = d / "catalog.yaml", d / "deliveries.csv", d / "portfolio.yaml"
    catalog.write_text(c.portfolio_catalog(), encoding="utf-8")
    c.write_csv(deliv, c.deliveries(n_customers))
    if docs:
        c.write_yaml_docs(multi, c.deliveries(n_customers))
    return catalog, deliv, multi


def read_peer(path: Path) -> dict[str, dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return {r["customer"]: r for r in csv.DictReader(f)}


def same_results(result_json: Path, peer_csv: Path, label: str, status: bool = False) -> c.Check:
    """kundenaudit's customers[].index (and status) against a peer's CSV, index +-0.01."""
    with open(result_json, encoding="utf-8") as f:
        ours = {str(x["id"]): x for x in json.load(f)["customers"]}
    theirs = read_peer(peer_csv)
    bad = [f"{cust}: missing" for cust in sorted(theirs.keys() - ours.keys())]
    for cust, x in sorted(ours.items()):
        row = theirs.get(cust)  # peers leave out (or NaN) customers with nothing applicable
        b = float(row["index"]) if row and row["index"] else None
        b = None if b is None or math.isnan(b) else b
        if _differs(x["index"], b):
            bad.append(f"{cust}: index {x['index']} vs {b}")
        elif status and row and x["status"] != row["status"]:
            bad.append(f"{cust}: status {x['status']} vs {row['status']}")
    if bad:
        print(f"{label}: {len(bad)} customers differ, e.g. {'; '.join(bad[:5])}", file=sys.stderr)
    return c.Check(label, not bad, f"{len(bad)} differ")


def _differs(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is not b
    return abs(a - b) > 0.01 + 1e-9


def portfolio_10k(
    d: Path, n: int, repeat: int, other: Path | None
) -> tuple[list[c.Row], list[c.Check], dict[str, float]]:
    """Rows and checks of the 10k part; the best wall times for the growth comparison."""
    catalog, deliv, docs = generate(d, n)
    out = {k: d / f"{k}.out" for k in ("def", "one", "yaml", "pandas", "duckdb", "other")}
    pandas = peer_cmd("pandas_baseline.py", deliv, catalog, out["pandas"])
    duck = peer_cmd("duckdb_baseline.py", deliv, catalog, out["duckdb"])
    default, pd_a = c.measure_pair(score_cmd(deliv, catalog), pandas, repeat, cand_out=out["def"])
    one, pd_b = c.measure_pair(
        score_cmd(deliv, catalog, *JOBS1), pandas, repeat, cand_out=out["one"]
    )
    duck_s, pd_c = c.measure_pair(duck, pandas, repeat)
    ycand, ybase = c.measure_pair(
        score_cmd(docs, catalog), c.py(LOAD_ALL, str(docs)), repeat, cand_out=out["yaml"]
    )
    label = f"{n} customers"
    rows = [
        c.Row(f"csv wall, --jobs 1 ({label}) vs pandas", one.best_s, pd_b.best_s, "s", 1.0),
        c.Row(
            f"csv wall, default jobs ({label}) vs pandas", default.best_s, pd_a.best_s, "s", 0.75
        ),
        c.Row(f"csv peak, --jobs 1 ({label}) vs pandas", one.peak_mib, pd_b.peak_mib, "MiB", 0.5),
        c.Row(
            f"csv peak, default jobs ({label}) vs pandas",
            default.peak_mib,
            pd_a.peak_mib,
            "MiB",
            0.5,
        ),
        c.Row(f"duckdb wall ({label}) vs pandas", duck_s.best_s, pd_c.best_s, "s"),
        c.Row(f"duckdb peak ({label}) vs pandas", duck_s.peak_mib, pd_c.peak_mib, "MiB"),
        c.Row(f"csv wall, --jobs 1 ({label}) vs duckdb", one.best_s, duck_s.best_s, "s"),
        c.Row(f"csv wall, default jobs ({label}) vs duckdb", default.best_s, duck_s.best_s, "s"),
        c.Row(f"yaml wall ({label}) vs load_all", ycand.best_s, ybase.best_s, "s", 1.3),
        c.Row(f"yaml peak ({label}) vs load_all", ycand.peak_mib, ybase.peak_mib, "MiB"),
    ]
    if other is not None:
        for jobs, ours in (((), default), (JOBS1, one)):
            theirs, _ = c.measure_pair(
                score_cmd(deliv, catalog, *jobs, src=other), pandas, repeat, cand_out=out["other"]
            )
            what = "--jobs 1" if jobs else "default jobs"
            rows += [
                c.Row(
                    f"csv wall, {what} ({label}) vs --compare-src", ours.best_s, theirs.best_s, "s"
                ),
                c.Row(f"  --compare-src wall, {what} vs pandas", theirs.best_s, pd_a.best_s, "s"),
                c.Row(
                    f"csv peak, {what} ({label}) vs --compare-src",
                    ours.peak_mib,
                    theirs.peak_mib,
                    "MiB",
                ),
            ]
    checks = [
        same_results(out["def"], out["pandas"], "csv index == pandas"),
        same_results(out["def"], out["duckdb"], "csv index and Ampel == duckdb", status=True),
        same_results(out["yaml"], out["pandas"], "yaml index == pandas"),
        c.Check(
            "csv output with workers == --jobs 1",
            out["def"].read_bytes() == out["one"].read_bytes(),
            "identical bytes",
        ),
    ]
    return rows, checks, {"default": default.best_s, "one": one.best_s}


def portfolio_200k(
    d: Path, n: int, small: dict[str, float], n_small: int
) -> tuple[list[c.Row], list[c.Check]]:
    """20x the customers, one run each: peak memory against the limit, linear wall growth."""
    big = d / "big"
    big.mkdir()
    catalog, deliv, _ = generate(big, n, docs=False)
    outs = {k: big / f"{k}.out" for k in ("def", "one", "pandas", "duckdb")}
    default = c.checked(c.run_child(score_cmd(deliv, catalog), outs["def"]), ["score"])
    one = c.checked(c.run_child(score_cmd(deliv, catalog, *JOBS1), outs["one"]), ["score -j1"])
    pandas = c.checked(
        c.run_child(peer_cmd("pandas_baseline.py", deliv, catalog, outs["pandas"])), ["pandas"]
    )
    duck = c.checked(
        c.run_child(peer_cmd("duckdb_baseline.py", deliv, catalog, outs["duckdb"])), ["duckdb"]
    )
    label, grow = f"{n} customers", n / n_small
    mib = 1 / 1024
    rows = [
        c.Row(
            f"csv peak, default jobs ({label}) vs limit",
            default.maxrss_kib * mib,
            MEMORY_LIMIT_MIB,
            "MiB",
            1.0,
        ),
        c.Row(
            f"csv peak, --jobs 1 ({label}) vs limit",
            one.maxrss_kib * mib,
            MEMORY_LIMIT_MIB,
            "MiB",
            1.0,
        ),
        c.Row(
            f"csv wall, default jobs ({label}) vs {grow:g}x 10k",
            default.seconds,
            grow * small["default"],
            "s",
            1.25,
        ),
        c.Row(
            f"csv wall, --jobs 1 ({label}) vs {grow:g}x 10k",
            one.seconds,
            grow * small["one"],
            "s",
            1.25,
        ),
        c.Row(f"csv wall, default jobs ({label}) vs pandas", default.seconds, pandas.seconds, "s"),
        c.Row(f"csv wall, --jobs 1 ({label}) vs pandas", one.seconds, pandas.seconds, "s"),
        c.Row(
            f"csv peak ({label}) vs pandas", one.maxrss_kib * mib, pandas.maxrss_kib * mib, "MiB"
        ),
        c.Row(f"duckdb wall ({label}) vs pandas", duck.seconds, pandas.seconds, "s"),
        c.Row(
            f"duckdb peak ({label}) vs pandas",
            duck.maxrss_kib * mib,
            pandas.maxrss_kib * mib,
            "MiB",
        ),
    ]
    checks = [
        same_results(outs["def"], outs["pandas"], f"csv index == pandas ({label})"),
        c.Check(
            f"csv output with workers == --jobs 1 ({label})",
            outs["def"].read_bytes() == outs["one"].read_bytes(),
            "identical bytes",
        ),
    ]
    return rows, checks


def main() -> int:
    p = c.parser(__doc__)
    p.add_argument("--scale", type=float, default=1.0, help="multiply customer counts (1.0)")
    p.add_argument("--with-200k", action="store_true", help="also measure 20x the customers")
    p.add_argument("--compare-src", type=Path, help="also measure kundenaudit from this src/")
    args = p.parse_args()
    n = max(1, round(10_000 * args.scale))
    other = args.compare_src.resolve() if args.compare_src else None
    with c.workdir() as d:
        rows, checks, best = portfolio_10k(d, n, args.repeat, other)
        if args.with_200k:
            more_rows, more_checks = portfolio_200k(d, 20 * n, best, n)
            rows += more_rows
            checks += more_checks
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"CPUs available: {cpus}; peak memory is the largest process's (workers share pages)")
    code = c.report(rows, checks, not args.no_check)
    if not args.with_200k:
        print(f"{20 * n} customers: skipped (use --with-200k)")
    return code


if __name__ == "__main__":
    c.main_guard(main)
