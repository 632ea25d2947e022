"""Catalog resolution and lint, the scoring engine, the plan and portfolio sums."""
