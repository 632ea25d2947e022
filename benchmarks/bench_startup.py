"""Start-up: `kundenaudit --version` and `--help` import nothing heavy.

Target: under `python -X importtime`, neither `kundenaudit --version` nor `kundenaudit --help`
imports pydantic, yaml or tabulate (the CLI imports them lazily, in the commands that need
them). For information: the wall time of `--version` and `--help` as a ratio to `python -c pass`.
"""

from __future__ import annotations

import _common as c

FORBIDDEN = ("pydantic", "pydantic_core", "yaml", "_yaml", "tabulate")  # top-level names


def imported_modules(importtime_stderr: str) -> set[str]:
    """Module names from `-X importtime` lines: `import time: self | cumulative | name`."""
    names = set()
    for line in importtime_stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            if name != "imported package":
                names.add(name)
    return names


def lazy_check(*args: str) -> c.Check:
    """Run the CLI under -X importtime; fail when a forbidden top-level package shows up."""
    cmd = [c.tool()[0], "-X", "importtime", *c.tool(*args)[1:]]
    run = c.checked(c.run_child(cmd), cmd)
    heavy = sorted({m.split(".")[0] for m in imported_modules(run.stderr)} & set(FORBIDDEN))
    return c.Check(
        f"{' '.join(args)}: no pydantic/yaml/tabulate", not heavy, ",".join(heavy) or "none"
    )


def main() -> int:
    args = c.parser(__doc__).parse_args()
    checks = [lazy_check("--version"), lazy_check("--help")]
    rows = []
    for flag in ("--version", "--help"):
        cand, base = c.measure_pair(c.tool(flag), c.py("pass"), args.repeat)
        rows.append(c.Row(f"wall {flag} vs python -c pass", cand.best_s, base.best_s, "s"))
    return c.report(rows, checks, not args.no_check)


if __name__ == "__main__":
    c.main_guard(main)
