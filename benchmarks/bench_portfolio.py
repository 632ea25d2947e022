"""Portfolio scoring: 10,000 customers x 40 services, whole process.

Targets (ratios against baselines measured in the same run):
1. `kundenaudit score deliveries.csv --catalog catalog.yaml --format json` (400,000-row long
   CSV) against `benchmarks/pandas_baseline.py` on the same files: wall time <= 1.5x and peak
   memory (ru_maxrss) <= 1.0x. Both must give the same index for every customer (+-0.01).
2. The same portfolio as 10,000 YAML documents in one file: `kundenaudit score portfolio.yaml`
   <= 1.3x the time of `list(yaml.load_all(text, Loader=yaml.CSafeLoader))` in a fresh process.
   For information: the same with `--jobs 1` (one process; by default large JSON results are
   scored by one process per CPU) and the CPUs available.
3. For information, with `--with-50k`: how peak memory grows from 10k to 50k customers.
`--scale F` multiplies every customer count (e.g. `--scale 0.1` for a quick run).
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


def score_cmd(inp: Path, catalog: Path) -> list[str]:
    return c.tool("score", str(inp), "--catalog", str(catalog), "--format", "json")


def pandas_cmd(deliveries: Path, catalog: Path, out: Path) -> list[str]:
    return [
        sys.executable,
        str(c.BENCH / "pandas_baseline.py"),
        str(deliveries),
        str(catalog),
        str(out),
    ]


def generate(d: Path, n_customers: int, docs: bool = True) -> tuple[Path, Path, Path]:
    """catalog.yaml, deliveries.csv and (if ``docs``) portfolio.yaml, the same, in ``d``."""
    catalog, deliv, multi = d / "catalog.yaml", d / "deliveries.csv", d / "portfolio.yaml"
    catalog.write_text(c.portfolio_catalog(), encoding="utf-8")
    c.write_csv(deliv, c.deliveries(n_customers))
    if docs:
        c.write_yaml_docs(multi, c.deliveries(n_customers))
    return catalog, deliv, multi


def same_index(result_json: Path, pandas_csv: Path, label: str) -> c.Check:
    """kundenaudit's customers[].index against the pandas CSV, both at 2 decimals, +-0.01."""
    with open(result_json, encoding="utf-8") as f:
        ours: dict[str, float | None] = {
            str(x["id"]): x["index"] for x in json.load(f)["customers"]
        }
    with open(pandas_csv, encoding="utf-8", newline="") as f:
        theirs: dict[str, float | None] = {
            r["customer"]: float(r["index"]) if r["index"] else None for r in csv.DictReader(f)
        }
    bad = [f"{cust}: missing" for cust in sorted(theirs.keys() - ours.keys())]
    for cust, a in sorted(ours.items()):
        b = theirs.get(cust)  # pandas leaves out (or NaNs) customers with nothing applicable
        b = None if b is None or math.isnan(b) else b
        if _differs(a, b):
            bad.append(f"{cust}: {a} vs {b}")
    if bad:
        print(f"{label}: {len(bad)} customers differ, e.g. {'; '.join(bad[:5])}", file=sys.stderr)
    return c.Check(label, not bad, f"{len(bad)} differ")


def _differs(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is not b
    return abs(a - b) > 0.01 + 1e-9


def memory_growth(d: Path, n_small: int, small: tuple[float, float]) -> list[c.Row]:
    """Peak MiB at 5x the customers, one run each; the ratio column is the growth factor."""
    big = d / "big"
    big.mkdir()
    catalog, deliv, _ = generate(big, 5 * n_small, docs=False)
    out = big / "out.json"
    ours = c.checked(c.run_child(score_cmd(deliv, catalog), out), score_cmd(deliv, catalog))
    ref_cmd = pandas_cmd(deliv, catalog, big / "pandas.csv")
    theirs = c.checked(c.run_child(ref_cmd), ref_cmd)
    k, p = f"{n_small // 1000}k", f"{5 * n_small // 1000}k"
    return [
        c.Row(f"peak kundenaudit {p} / {k}", ours.maxrss_kib / 1024, small[0], "MiB"),
        c.Row(f"peak pandas {p} / {k}", theirs.maxrss_kib / 1024, small[1], "MiB"),
        c.Row(
            f"peak {p} kundenaudit / pandas",
            ours.maxrss_kib / 1024,
            theirs.maxrss_kib / 1024,
            "MiB",
        ),
        c.Row(f"wall {p} kundenaudit / pandas", ours.seconds, theirs.seconds, "s"),
    ]


def main() -> int:
    p = c.parser(__doc__)
    p.add_argument("--scale", type=float, default=1.0, help="multiply customer counts (1.0)")
    p.add_argument("--with-50k", action="store_true", help="also measure 5x the customers")
    args = p.parse_args()
    n = max(1, round(10_000 * args.scale))
    with c.workdir() as d:
        catalog, deliv, docs = generate(d, n)
        ours_csv, ours_yaml, ref = d / "csv.json", d / "yaml.json", d / "pandas.csv"
        cand, base = c.measure_pair(
            score_cmd(deliv, catalog),
            pandas_cmd(deliv, catalog, ref),
            args.repeat,
            cand_out=ours_csv,
        )
        ours_one = d / "csv-one-process.json"
        one, one_base = c.measure_pair(
            [*score_cmd(deliv, catalog), "--jobs", "1"],
            pandas_cmd(deliv, catalog, ref),
            args.repeat,
            cand_out=ours_one,
        )
        ycand, ybase = c.measure_pair(
            score_cmd(docs, catalog), c.py(LOAD_ALL, str(docs)), args.repeat, cand_out=ours_yaml
        )
        label = f"{n} customers"
        rows = [
            c.Row(f"csv wall ({label}) vs pandas", cand.best_s, base.best_s, "s", 1.5),
            c.Row(f"csv peak memory ({label}) vs pandas", cand.peak_mib, base.peak_mib, "MiB", 1.0),
            c.Row(f"csv wall, --jobs 1 ({label}) vs pandas", one.best_s, one_base.best_s, "s"),
            c.Row(
                f"csv peak memory, --jobs 1 ({label}) vs pandas",
                one.peak_mib,
                one_base.peak_mib,
                "MiB",
            ),
            c.Row(f"yaml wall ({label}) vs load_all", ycand.best_s, ybase.best_s, "s", 1.3),
            c.Row(f"yaml peak memory ({label}) vs load_all", ycand.peak_mib, ybase.peak_mib, "MiB"),
        ]
        checks = [
            same_index(ours_csv, ref, "csv index == pandas"),
            same_index(ours_yaml, ref, "yaml index == pandas"),
            c.Check(
                "csv output with workers == --jobs 1",
                ours_csv.read_bytes() == ours_one.read_bytes(),
                "identical bytes",
            ),
        ]
        if args.with_50k:
            rows += memory_growth(d, n, (cand.peak_mib, base.peak_mib))
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"CPUs available: {cpus}")
    code = c.report(rows, checks, not args.no_check)
    if not args.with_50k:
        print("memory growth at 5x the customers: skipped (use --with-50k)")
    return code


if __name__ == "__main__":
    c.main_guard(main)
