"""The consultant's report of the Telco export (7,043 customers): time and size.

Targets (ratios against a baseline measured in the same run):
1. `kundenaudit report telco.csv --mapping ... --catalog ... -o telco.html` against
   `kundenaudit score` of the same inputs as JSON in one process (`--jobs 1`): wall time
   <= 3.0x (the report scores the same customers, then sums, draws and templates them).
2. The page is at most 8 MiB and has a row for every customer (a check).
For information: peak memory of both, the Markdown report's time, and the page's size.
The data is `shared/realdata/` beside the checkout (`--data DIR` names another folder).
"""

from __future__ import annotations

import sys
from pathlib import Path

import _common as c

CUSTOMERS = 7043
MAX_MIB = 8.0


def main() -> int:
    p = c.parser(__doc__)
    p.add_argument("--data", type=Path, default=c.ROOT.parent / "shared" / "realdata")
    args = p.parse_args()
    csv, mapping, catalog = (
        args.data / f for f in ("telco.csv", "telco.mapping.yaml", "telco.catalog.yaml")
    )
    if not csv.is_file():
        print(f"no Telco export at {csv}", file=sys.stderr)
        return 2
    common = [str(csv), "--mapping", str(mapping), "--catalog", str(catalog)]
    dates = ["--today", "2026-11-27"]
    with c.workdir() as d:
        html, md, js = d / "telco.html", d / "telco.md", d / "telco.json"
        report = c.tool("report", *common, "-o", str(html), *dates)
        score = c.tool("score", *common, "-f", "json", "--jobs", "1", "-o", str(js), *dates)
        cand, base = c.measure_pair(report, score, args.repeat)
        md_cand, _ = c.measure_pair(
            c.tool("report", *common, "-o", str(md), *dates), score, max(1, args.repeat // 2)
        )
        text = html.read_text(encoding="utf-8")
        size_mib = html.stat().st_size / 2**20
        md_mib = md.stat().st_size / 2**20
    rows_found = text.count("<tr data-id=")
    print(f"page: {size_mib:.2f} MiB, {rows_found} customer rows; Markdown: {md_mib:.2f} MiB")
    rows = [
        c.Row(
            "report html (7043 customers) vs score json --jobs 1",
            cand.best_s,
            base.best_s,
            "s",
            3.0,
        ),
        c.Row("report markdown vs score json --jobs 1", md_cand.best_s, base.best_s, "s"),
        c.Row("report html peak memory vs score json", cand.peak_mib, base.peak_mib, "MiB"),
    ]
    checks = [
        c.Check(f"page size <= {MAX_MIB:g} MiB", size_mib <= MAX_MIB, f"{size_mib:.2f} MiB"),
        c.Check("a row for every customer", rows_found == CUSTOMERS, str(rows_found)),
    ]
    return c.report(rows, checks, not args.no_check)


if __name__ == "__main__":
    c.main_guard(main)
