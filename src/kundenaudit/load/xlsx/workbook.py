"""An XLSX workbook's sheets and cells, read with the standard zip module and defusedxml.

Only what a table needs: sheet names, shared strings, which number formats are dates, and the
cells' values as the cell types say. Formulas are never evaluated: a formula cell is its cached
value. Every XML part is parsed with a DTD (and so any entity declaration) refused.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from kundenaudit.load.xlsx.cells import (
    BUILTIN_DATES,
    WorkbookError,
    attr,
    cell_column,
    hidden,
    is_date_format,
    item_text,
    local,
    number_text,
)
from kundenaudit.model.errors import UsageError

EXTRA_HINT = "pip install 'kundenaudit[xlsx]'"
MAX_PART = 1 << 30  # an XML part that unpacks to more than 1 GiB is no table: a zip bomb


@dataclass(frozen=True)
class Sheet:
    """A sheet's name, its XML part and whether it is hidden."""

    name: str
    part: str
    hidden: bool


Row = tuple[int, dict[int, str]]  # 1-based row number, 1-based column -> cell text


def _xml() -> tuple[Any, type[Exception]]:
    try:
        import defusedxml  # noqa: PLC0415 - the optional extra
        import defusedxml.ElementTree as safe  # noqa: PLC0415
    except ImportError:
        raise UsageError(f"reading .xlsx files needs the xlsx extra: {EXTRA_HINT}") from None
    return safe, defusedxml.DefusedXmlException


class Workbook:
    """An open workbook; ``sheets`` in workbook order."""

    def __init__(self, data: bytes) -> None:
        self.safe, self.refused = _xml()
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, OSError) as exc:
            raise WorkbookError(f"not an XLSX workbook (not a zip archive: {exc})") from None
        main = self._rels("")[1].get("officeDocument", "xl/workbook.xml")
        ids, by_type = self._rels(main)
        root = self._parse(main)
        self.date1904 = any(
            local(e.tag) == "workbookPr" and attr(e, "date1904") in ("1", "true")
            for e in root.iter()
        )
        self.sheets = [
            Sheet(attr(e, "name") or "", ids.get(attr(e, "id") or "", ""), hidden(e))
            for e in root.iter()
            if local(e.tag) == "sheet"
        ]
        self.strings = self._strings(by_type.get("sharedStrings"))
        self.date_styles = self._date_styles(by_type.get("styles"))

    # ------------------------------------------------------------------ parts

    def _open(self, part: str) -> IO[bytes]:
        try:
            info = self.zip.getinfo(part)
        except KeyError:
            raise WorkbookError(f"damaged workbook: part {part} is missing") from None
        if info.file_size > MAX_PART:
            raise WorkbookError(f"refused: part {part} unpacks to {info.file_size} bytes", part)
        return self.zip.open(info)

    def _events(self, part: str, events: tuple[str, ...] = ("end",)) -> Iterator[Any]:
        """(event, element) of a part, with DTDs and entities refused."""
        try:
            with self._open(part) as fh:
                yield from self.safe.iterparse(fh, events, forbid_dtd=True)
        except self.refused as exc:
            raise WorkbookError(
                f"refused: {part} declares a DTD or XML entities ({type(exc).__name__}); "
                "a workbook saved by a spreadsheet program has none",
                part,
            ) from None
        except (self.safe.ParseError, zipfile.BadZipFile, EOFError, OSError) as exc:
            raise WorkbookError(f"damaged workbook: {part}: {exc}", part) from None

    def _parse(self, part: str) -> Any:
        root = None
        for _, elem in self._events(part):
            root = elem
        return root

    def _rels(self, part: str) -> tuple[dict[str, str], dict[str, str]]:
        """The relationships of a part: id -> target part, and type -> target part."""
        folder, name = posixpath.split(part)
        path = posixpath.join(folder, "_rels", f"{name}.rels")
        ids: dict[str, str] = {}
        by_type: dict[str, str] = {}
        if path not in self.zip.NameToInfo:
            return ids, by_type
        for elem in self._parse(path).iter():
            if local(elem.tag) != "Relationship":
                continue
            target = attr(elem, "Target") or ""
            if target.startswith("/"):
                target = target.lstrip("/")
            else:
                target = posixpath.normpath(posixpath.join(folder, target))
            ids[attr(elem, "Id") or ""] = target
            by_type.setdefault((attr(elem, "Type") or "").rsplit("/", 1)[-1], target)
        return ids, by_type

    def _strings(self, part: str | None) -> list[str]:
        if part is None or part not in self.zip.NameToInfo:
            return []
        out: list[str] = []
        for _, elem in self._events(part):
            if local(elem.tag) == "si":
                out.append(item_text(elem))
                elem.clear()
        return out

    def _date_styles(self, part: str | None) -> frozenset[int]:
        """Indexes of the cell formats (``s``) whose number format shows a date."""
        if part is None or part not in self.zip.NameToInfo:
            return frozenset()
        root = self._parse(part)
        custom = {
            _int(attr(e, "numFmtId"), -1): attr(e, "formatCode") or ""
            for e in root.iter()
            if local(e.tag) == "numFmt"
        }
        xfs = next((e for e in root.iter() if local(e.tag) == "cellXfs"), None)
        dates = set()
        for i, xf in enumerate(x for x in (xfs if xfs is not None else []) if local(x.tag) == "xf"):
            fmt = _int(attr(xf, "numFmtId"), 0)
            if fmt in BUILTIN_DATES or (fmt in custom and is_date_format(custom[fmt])):
                dates.add(i)
        return frozenset(dates)

    # ------------------------------------------------------------------ cells

    def rows(self, sheet: Sheet, no_value: Callable[[int, int], None]) -> Iterator[Row]:
        """Every row that has a cell, in order: its number and its cells as text;
        ``no_value(row, col)`` hears of each formula cell without a cached value."""
        row_no = col = 0
        cells: dict[int, str] = {}
        for event, elem in self._events(sheet.part, ("start", "end")):
            tag = local(elem.tag)
            if event == "start":
                if tag == "row":
                    row_no = _int(attr(elem, "r"), row_no + 1)
                    cells, col = {}, 0
                continue
            if tag == "c":
                ref = attr(elem, "r")
                col = cell_column(ref) if ref else col + 1
                value, formula_only = self._value(elem)
                if formula_only:
                    no_value(row_no, col)
                if value:
                    cells[col] = value
                elem.clear()
            elif tag == "row":
                yield row_no, cells
                elem.clear()

    def _value(self, c: Any) -> tuple[str, bool]:
        """The text of a cell, and whether it is a formula without a cached value."""
        kind = attr(c, "t") or "n"
        v = inline = None
        formula = False
        for child in c:
            name = local(child.tag)
            if name == "v":
                v = child.text or ""
            elif name == "f":
                formula = True
            elif name == "is":
                inline = item_text(child)
        if kind == "inlineStr":
            return inline or "", False
        if v is None:
            return "", formula
        return self._typed(kind, v, c), False

    def _typed(self, kind: str, v: str, c: Any) -> str:
        """The text of a cached value ``v`` of type ``kind``."""
        if kind == "s":
            index = _int(v, -1)
            if not 0 <= index < len(self.strings):
                raise WorkbookError(f"damaged workbook: shared string {v!r} does not exist")
            return self.strings[index]
        if kind == "b":
            return "true" if v.strip() in ("1", "true") else "false"
        if kind in ("str", "e"):
            return v
        if kind == "d":
            return v[:10] if v[10:] in ("", "T00:00:00", "T00:00:00Z") else v
        return number_text(v, _int(attr(c, "s"), 0) in self.date_styles, self.date1904)


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        raise WorkbookError(f"damaged workbook: {text!r} is not a number") from None
