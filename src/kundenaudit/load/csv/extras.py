"""Metric and outcome columns of a CSV export (SPEC §2.3: the mapping's `kpis` and `outcomes`)."""

from __future__ import annotations

from kundenaudit.load.csv import cells
from kundenaudit.load.csv.state import Customer, State
from kundenaudit.model.errors import Severity
from kundenaudit.model.limits import MAX_VALUE
from kundenaudit.model.suggest import did_you_mean

KPI, OUTCOME = "kpi", "outcome"
OUTCOME_TRUE = ("yes", "ja", "true", "1")
OUTCOME_FALSE = ("no", "nein", "false", "0")


def resolve(st: State) -> None:
    """Find the columns the mapping names under `kpis` and `outcomes` (a missing one, or an
    undeclared metric id, is a warning)."""
    if st.mapping is None:
        return
    exact, folded = cells.header_index(st.header)
    metrics = st.catalog.metrics
    wanted = [(KPI, c, m) for c, m in st.mapping.kpis.items()]
    wanted += [(OUTCOME, c, n) for c, n in st.mapping.outcomes.items()]
    for kind, column, name in wanted:
        i = cells.find_column(column, exact, folded)
        if i is None:
            st.header_error(
                f"the mapping names column '{column}' under '{kind}s', but the header has no "
                f"such column{did_you_mean(column, st.header)}",
                Severity.WARNING,
            )
            continue
        if kind == KPI and name not in metrics:
            st.header_error(
                f"metric '{name}' (mapped from column '{column}') is not in the catalog"
                f"{did_you_mean(name, metrics)}",
                Severity.WARNING,
            )
        st.kfields.append((kind, name, i))
    values = st.mapping.outcome_values
    st.outcome_words = {
        **dict.fromkeys(OUTCOME_TRUE, True),
        **dict.fromkeys(OUTCOME_FALSE, False),
        **{k.strip().casefold(): v for k, v in values.items()},
    }


def row_values(st: State, cust: Customer, row: list[str], row_no: int) -> None:
    """The row's metric and outcome cells; in the long layout every row of a customer may
    repeat them, and two different values are an error naming both rows."""
    for kind, name, col in st.kfields:
        raw = row[col].strip()
        if not raw:
            continue
        value = _number(st, raw, row_no, col) if kind == KPI else _outcome(st, raw, row_no, col)
        if value is None:
            continue
        target: dict[str, float] | dict[str, bool]
        if kind == KPI:
            target = cust.kpis = cust.kpis if cust.kpis is not None else {}
        else:
            target = cust.outcomes = cust.outcomes if cust.outcomes is not None else {}
        seen = cust.extra_rows if cust.extra_rows is not None else {}
        cust.extra_rows = seen
        if name not in target:
            target[name] = value  # type: ignore[assignment] # the kind decides the type
            seen[(kind, name)] = (raw, row_no)
        elif target[name] != value:
            first_raw, first_row = seen[(kind, name)]
            st.sink.add(
                row_no,
                col + 1,
                f"customer '{cells.show(cust.id)}' has {kind} '{name}' = '{cells.show(raw)}' "
                f"here but '{cells.show(first_raw)}' in row {first_row}",
                "csv-conflict",
                key=cust.id,
            )


def _number(st: State, raw: str, row_no: int, col: int) -> float | None:
    comma_ok = st.delimiter == ";"  # a decimal comma only where ',' cannot be the delimiter
    value = cells.parse_number(raw) if comma_ok or "," not in raw else None
    if value is None or abs(value) > MAX_VALUE:
        hint = "" if comma_ok else " (a decimal comma only in ';'-separated files)"
        st.sink.add(
            row_no,
            col + 1,
            f"column '{st.header[col]}' must be a number{hint}, found '{cells.show(raw)}'",
            "csv-value",
        )
        return None
    return value


def _outcome(st: State, raw: str, row_no: int, col: int) -> bool | None:
    value = st.outcome_words.get(raw.casefold())
    if value is None:
        st.sink.add(
            row_no,
            col + 1,
            f"column '{st.header[col]}': '{cells.show(raw)}' is no outcome: map it under "
            "'outcome_values' (raw: true|false), or use yes/ja/true/1 or no/nein/false/0",
            "csv-value",
        )
    return value
