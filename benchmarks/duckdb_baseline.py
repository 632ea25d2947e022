"""Peer for bench_portfolio: index and Ampel of every customer of a long CSV, in DuckDB.

    python benchmarks/duckdb_baseline.py deliveries.csv catalog.yaml out.csv

One SQL query over the CSV, as a data person with DuckDB would write it: the per-segment service
table from the catalog (see _catalog_table.py) joined with the deliveries, `entbehrlich`
dropped, d = 1 / degree (default 0.5) / 0 / 0 by status; index = 100 * sum(W*w*d) / sum(W*w),
coverage per level = 100 * sum(w*d) / sum(w), Ampel `rot` when Muss coverage < 100, `gelb` when
Soll coverage is below the segment's standing Soll goal, else `gruen` (no knock-outs, no dated
goals: the generated catalog has none). Writes `customer,index,status`.
"""

from __future__ import annotations

import sys

import duckdb
import yaml

from _catalog_table import service_rows, soll_goal

QUERY = """
WITH d AS (
  SELECT x.customer, x.segment, s.level, s.lw * s.sw AS ww, s.sw AS w,
         CASE x.status WHEN 'erfuellt' THEN 1.0
                       WHEN 'teilweise' THEN coalesce(x.degree, 0.5)
                       ELSE 0.0 END AS deg
  FROM read_csv(?, header = true, all_varchar = false) AS x
  JOIN services AS s ON s.service = x.service AND s.segment = x.segment
  WHERE x.status <> 'entbehrlich'
), c AS (
  SELECT customer, any_value(segment) AS segment,
         100 * sum(ww * deg) / sum(ww) AS idx,
         100 * sum(w * deg) FILTER (WHERE level = 'muss')
             / nullif(sum(w) FILTER (WHERE level = 'muss'), 0) AS muss,
         100 * sum(w * deg) FILTER (WHERE level = 'soll')
             / nullif(sum(w) FILTER (WHERE level = 'soll'), 0) AS soll
  FROM d GROUP BY customer
)
SELECT c.customer, round(c.idx, 2) AS "index",
       CASE WHEN c.muss < 100 - 1e-9 THEN 'rot'
            WHEN c.soll < g.min - 1e-9 THEN 'gelb'
            ELSE 'gruen' END AS status
FROM c LEFT JOIN goals AS g ON g.segment = c.segment
ORDER BY c.customer
"""


def main(deliveries: str, catalog_path: str, out: str) -> None:
    with open(catalog_path, encoding="utf-8") as f:
        catalog = yaml.load(f, Loader=yaml.CSafeLoader)
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE services (service TEXT, segment TEXT, level TEXT, lw DOUBLE, sw DOUBLE)"
    )
    con.executemany("INSERT INTO services VALUES (?, ?, ?, ?, ?)", service_rows(catalog))
    segments = [s["id"] for s in catalog["segments"]]
    goals = [(s, soll_goal(catalog, s)) for s in segments]
    con.execute("CREATE TABLE goals (segment TEXT, min DOUBLE)")
    con.executemany("INSERT INTO goals VALUES (?, ?)", goals)
    rel = con.execute(QUERY, [deliveries])
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("customer,index,status\n")
        for cust, index, status in rel.fetchall():
            f.write(f"{cust},{'' if index is None else index},{status}\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])
