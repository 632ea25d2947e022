"""The spreadsheet export: `score --format xlsx` of 10,000 customers x 40 services.

Target (a ratio against a baseline measured in the same run): peak memory of
`kundenaudit score deliveries.csv --catalog catalog.yaml -o result.xlsx` at most 1.5x that of
the same scoring written as CSV (`-o result.csv`, one row per customer), and at most 512 MiB:
the workbook's rows go to temporary files as the customers are scored, so its memory stays that
of the scoring. Checks: the Portfolio sheet has a row for every customer. For information: wall
time of both, the workbook's size, and peak memory at half the customers (growth).
`--scale F` multiplies the customer count (e.g. `--scale 0.1` for a quick run).
`--compare-src DIR` also writes the workbook with the kundenaudit of another source tree (e.g.
an older checkout's src/), both through the same launcher: before/after in one run.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import _common as c

MAX_MIB = 512.0


def commands(d: Path, n: int) -> tuple[list[str], list[str], Path]:
    """Candidate and baseline command lines for ``n`` customers, and the workbook's path."""
    catalog, deliveries = d / f"catalog-{n}.yaml", d / f"deliveries-{n}.csv"
    catalog.write_text(c.portfolio_catalog(), encoding="utf-8")
    c.write_csv(deliveries, c.deliveries(n))
    book = d / f"result-{n}.xlsx"
    common = [str(deliveries), "--catalog", str(catalog), "--today", "2026-11-27"]
    candidate = c.tool("score", *common, "-o", str(book))
    baseline = c.tool("score", *common, "-o", str(d / f"result-{n}.csv"))
    return candidate, baseline, book


def portfolio_rows(book: Path) -> int:
    """Customer rows of the Portfolio sheet (the header left out)."""
    with zipfile.ZipFile(book) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    return len(re.findall(r"<row ", xml)) - 1


def main() -> int:
    p = c.parser(__doc__)
    p.add_argument("--scale", type=float, default=1.0)
    p.add_argument("--compare-src", type=Path, help="also measure kundenaudit from this src/")
    args = p.parse_args()
    n = max(2, round(10_000 * args.scale))
    with c.workdir() as d:
        candidate, baseline, book = commands(d, n)
        cand, base = c.measure_pair(candidate, baseline, args.repeat)
        rows_found = portfolio_rows(book)
        size_mib = book.stat().st_size / 2**20
        half_cand = commands(d, n // 2)[0]
        half = c.checked(c.run_child(half_cand), half_cand)
        compared = None
        if args.compare_src is not None:
            cmd = candidate[candidate.index("score") :]
            theirs_cmd = [*cmd[:-1], str(d / "theirs.xlsx")]
            compared = c.measure_pair(
                c.tool_from(c.SRC, *cmd),
                c.tool_from(args.compare_src.resolve(), *theirs_cmd),
                args.repeat,
            )
    print(f"workbook: {size_mib:.2f} MiB, {rows_found} customer rows")
    rows = [
        c.Row(f"xlsx peak memory ({n} customers) vs csv", cand.peak_mib, base.peak_mib, "MiB", 1.5),
        c.Row(f"xlsx wall ({n} customers) vs csv", cand.best_s, base.best_s, "s"),
        c.Row(
            f"xlsx peak memory, {n} vs {n // 2} customers",
            cand.peak_mib,
            half.maxrss_kib / 1024,
            "MiB",
        ),
    ]
    if compared is not None:
        ours, theirs = compared
        rows += [
            c.Row(f"xlsx wall ({n} customers) vs --compare-src", ours.best_s, theirs.best_s, "s"),
            c.Row("  --compare-src xlsx wall vs csv", theirs.best_s, base.best_s, "s"),
            c.Row("xlsx peak memory vs --compare-src", ours.peak_mib, theirs.peak_mib, "MiB"),
        ]
    checks = [
        c.Check(
            f"peak memory <= {MAX_MIB:g} MiB", cand.peak_mib <= MAX_MIB, f"{cand.peak_mib:.1f} MiB"
        ),
        c.Check("a Portfolio row for every customer", rows_found == n, str(rows_found)),
    ]
    return c.report(rows, checks, not args.no_check)


if __name__ == "__main__":
    c.main_guard(main)
