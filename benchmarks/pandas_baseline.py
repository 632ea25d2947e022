"""Baseline for bench_portfolio: the per-customer index of a long CSV, computed with pandas.

    python benchmarks/pandas_baseline.py deliveries.csv catalog.yaml out.csv

A straightforward script, as an analyst would write it: build a per-segment service table from
the catalog (effective level weight W, weight w, applicable; see _catalog_table.py), merge it
with the deliveries, drop `entfaellt` and `entbehrlich`, d = 1 / degree (default 0.5) / 0 / 0
by status, and index = 100 * sum(W*w*d) / sum(W*w) per customer. Writes `customer,index`. It
handles the canonical status and level words only (the generated data uses nothing else).
"""

from __future__ import annotations

import sys
from typing import Any

import pandas as pd
import yaml

from _catalog_table import service_rows


def service_table(catalog: dict[str, Any]) -> pd.DataFrame:
    """One row per (service, segment) that applies: W (level weight of effective level), w."""
    rows = [(svc, seg, big_w, w) for svc, seg, _, big_w, w in service_rows(catalog)]
    return pd.DataFrame(rows, columns=["service", "segment", "W", "w"])


def main(deliveries: str, catalog_path: str, out: str) -> None:
    with open(catalog_path, encoding="utf-8") as f:
        catalog = yaml.load(f, Loader=yaml.CSafeLoader)
    df = pd.read_csv(deliveries, usecols=["customer", "segment", "service", "status", "degree"])
    df = df.merge(service_table(catalog), on=["service", "segment"], how="inner")
    df = df[df["status"] != "entbehrlich"]
    d = df["status"].map({"erfuellt": 1.0, "nicht_erfuellt": 0.0, "offen": 0.0, "teilweise": 0.5})
    partial = df["status"].eq("teilweise") & df["degree"].notna()
    df = df.assign(
        num=df["W"] * df["w"] * d.mask(partial, df["degree"]),
        den=df["W"] * df["w"],
    )
    sums = df.groupby("customer", sort=True)[["num", "den"]].sum()
    index = (100 * sums["num"] / sums["den"]).round(2).rename("index")
    index.to_csv(out, header=True, index_label="customer")


if __name__ == "__main__":
    main(*sys.argv[1:4])
