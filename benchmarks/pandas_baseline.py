"""Baseline for bench_portfolio: the per-customer index of a long CSV, computed with pandas.

    python benchmarks/pandas_baseline.py deliveries.csv catalog.yaml out.csv

A straightforward script, as an analyst would write it: build a per-segment service table from
the catalog (effective level weight W, weight w, applicable), merge it with the deliveries, drop
`entfaellt` and `entbehrlich`, d = 1 / degree (default 0.5) / 0 / 0 by status, and
index = 100 * sum(W*w*d) / sum(W*w) per customer. Writes `customer,index`. It handles the
canonical status and level words only (the generated data uses nothing else).
"""

from __future__ import annotations

import sys
from typing import Any

import pandas as pd
import yaml

DEFAULT_WEIGHTS = {"muss": 3.0, "soll": 2.0, "kann": 1.0}


def level_in(service: dict[str, Any], seg: str, parents: dict[str, str | None]) -> str:
    """The segment's own entry in `levels`, else the nearest ancestor's, else `level`."""
    levels = service.get("levels") or {}
    node: str | None = seg
    while node is not None:
        if node in levels:
            return str(levels[node])
        node = parents.get(node)
    return str(service.get("level", "muss"))


def service_table(catalog: dict[str, Any]) -> pd.DataFrame:
    """One row per (service, segment) that applies: W (level weight of effective level), w."""
    weights = {**DEFAULT_WEIGHTS, **(catalog.get("weights") or {})}
    parents = {s["id"]: s.get("extends") for s in catalog["segments"]}
    rows = []
    for svc in catalog["services"]:
        for seg in parents:
            level = level_in(svc, seg, parents)
            if level == "entfaellt":
                continue
            if svc.get("competition") == "standard":
                level = "muss"
            rows.append((svc["id"], seg, float(weights[level]), float(svc.get("weight", 1))))
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
