"""The header of a CSV export: which layout, which column holds which field."""

from __future__ import annotations

from pathlib import PurePosixPath

from kundenaudit.load.csv import cells, extras
from kundenaudit.load.csv.state import State
from kundenaudit.load.inputs import MAPPING_SUFFIX
from kundenaudit.model.errors import Severity
from kundenaudit.model.suggest import did_you_mean


def detect_layout(st: State) -> str:
    """The mapping's `layout`, else long when there are service and status columns."""
    if st.mapping is not None and "layout" in st.mapping.model_fields_set:
        return st.mapping.layout
    exact, folded = cells.header_index(st.header)
    has = [
        cells.find_column(st.column_name(f), exact, folded) is not None
        for f in ("service", "status")
    ]
    return "long" if all(has) else "wide"


def mapping_wanted(st: State) -> str:
    """What to do when an export needs a mapping file and has none: write one beside it (the
    name `score` and `validate` look for) or name one with --mapping."""
    if st.mapping is not None:
        return ""
    file = PurePosixPath(st.sink.file)
    if st.sink.file == "<stdin>":
        return "pass one with --mapping FILE"
    beside = file.with_name(f"{file.stem}{MAPPING_SUFFIX}")
    return f"none was found beside it (looked for {beside}): write one there or pass --mapping FILE"


def resolve_columns(
    st: State, layout: str, fields: tuple[str, ...], required: tuple[str, ...]
) -> bool:
    """Find each field's column; False when a required one is missing or doubled."""
    exact, folded = cells.header_index(st.header)
    unmapped = layout == "wide" and st.mapping is None
    if unmapped and cells.find_column("customer", exact, folded) is None:
        st.header_error(
            "this export needs a mapping file (it has no column 'customer', nor 'service' and "
            "'status' of the long layout): a mapping names the customer column and maps "
            "columns to service ids; " + mapping_wanted(st)
        )
        return False
    ok = True
    for field in fields:
        name = st.column_name(field)
        i = cells.find_column(name, exact, folded)
        if i is not None:
            st.cols[field] = i
        elif field in required:
            ok = False
            st.header_error(
                f"missing column '{name}'"
                + (f" (the column of '{field}')" if name != field else "")
                + f": the {layout} layout needs the columns "
                + ", ".join(st.column_name(f) for f in required)
                + did_you_mean(name, st.header)
            )
        elif field in st.renames:
            st.header_error(
                f"the mapping names column '{name}' for '{field}', but the "
                "header has no such column",
                Severity.WARNING,
            )
    for field in st.renames.keys() - set(fields):
        st.header_error(
            f"'{field}' in the mapping's 'columns' is not used in the {layout} layout",
            Severity.WARNING,
        )
    ok = check_doubled(st) and ok
    st.extra_names = tuple(f for f in cells.ROW_EXTRAS if f in st.cols and layout == "long")
    st.extra_idx = tuple(st.cols[f] for f in st.extra_names)
    st.cfields = [(f, st.cols[f]) for f in cells.CUSTOMER_FIELDS if f in st.cols]
    extras.resolve(st)
    if "segment" not in st.cols and st.segment is None and st.default_segment() is None:
        st.segment_reported = True
        st.header_error(
            f"no column '{st.column_name('segment')}': add one (a segment id "
            "per customer) or pass --segment"
        )
    return ok


def check_doubled(st: State) -> bool:
    """A column that a field uses must not appear twice in the header (which one counts?)."""
    doubled: dict[int, tuple[str, int]] = {}
    for field, i in st.cols.items():
        name = st.header[i].casefold()
        for j in range(i + 1, st.width):
            if st.header[j].casefold() == name:
                doubled.setdefault(j, (field, i))
    for j, (field, i) in sorted(doubled.items()):
        st.sink.add(
            1,
            j + 1,
            f"column '{st.header[j]}' appears twice (columns {i + 1} and {j + 1}): "
            f"which one is '{field}'?",
            "csv-header",
        )
    return not doubled


def check_mapped_columns(st: State, used: set[str]) -> None:
    """Warn about `services` and `column_values` entries of a wide mapping that match no
    column; ``used`` holds the service columns' names and service ids."""
    exact, folded = cells.header_index(st.header)
    for name, sid in st.svc_map.items():
        if cells.find_column(name, exact, folded) is None:
            st.header_error(
                f"the mapping names column '{name}' (service '{sid}'), but the "
                "header has no such column",
                Severity.WARNING,
            )
    for name in st.column_values:
        if name not in used:
            st.header_error(
                f"'column_values' names '{name}', which is no service column of this file",
                Severity.WARNING,
            )
