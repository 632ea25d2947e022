"""The fixed parts of an XLSX package (SpreadsheetML): content types, relationships, the
workbook with its sheets, the styles, and text escaped for cells and attributes."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"

# number formats by column kind: a built-in id where Excel has one, else a custom one (164+)
NUMBER_FORMATS = {
    "int": (1, "0"),
    "num1": (164, "0.0"),
    "num2": (2, "0.00"),
    "number": (0, "General"),  # a metric's value as it is
    "number2": (4, "#,##0.00"),
    "money": (3, "#,##0"),
    "date": (165, "yyyy-mm-dd"),
}
# cell styles (indexes into cellXfs): 0 the default, then the header, reference columns, numbers
STYLE_INDEX = {"header": 1, "ref": 2, **{k: 3 + i for i, k in enumerate(NUMBER_FORMATS)}}

SPECIAL = re.compile(r"[&<>\x00-\x08\x0b-\x1f]|_x[0-9A-Fa-f]{4}_")
_ESCAPED = re.compile(r"_x[0-9A-Fa-f]{4}_")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")


def text(value: str) -> str:
    """Text for a cell's ``<t>``: XML-escaped; a control character (invalid in XML) as Excel's
    ``_xHHHH_``, and a literal ``_xHHHH_`` kept literal by escaping its underscore."""
    if SPECIAL.search(value) is None:
        return value
    value = _ESCAPED.sub(lambda m: "_x005F" + m.group(0), value)
    value = _CONTROL.sub(lambda m: f"_x{ord(m.group(0)):04X}_", value)
    return escape(value)


def attr(value: str) -> str:
    """An attribute value, quoted (control characters as for cells)."""
    return quoteattr(_CONTROL.sub(lambda m: f"_x{ord(m.group(0)):04X}_", value))


def argb(colour: str) -> str:
    """``#F4B6B6`` -> ``FFF4B6B6`` (opaque)."""
    return "FF" + colour.lstrip("#").upper()


def sheet_ref(name: str) -> str:
    """A sheet name in a formula: always quoted, quotes doubled."""
    return "'" + name.replace("'", "''") + "'"


def content_types(sheets: int) -> str:
    ct = "application/vnd.openxmlformats-officedocument"
    overrides = [
        ("/xl/workbook.xml", f"{ct}.spreadsheetml.sheet.main+xml"),
        ("/xl/styles.xml", f"{ct}.spreadsheetml.styles+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ("/docProps/app.xml", f"{ct}.extended-properties+xml"),
        *((f"/xl/worksheets/sheet{i}.xml", SHEET_TYPE) for i in range(1, sheets + 1)),
    ]
    return (
        f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides)
        + "</Types>"
    )


def root_rels() -> str:
    kinds = [
        ("rId1", f"{REL}/officeDocument", "xl/workbook.xml"),
        ("rId2", f"{PKG_REL}/metadata/core-properties", "docProps/core.xml"),
        ("rId3", f"{REL}/extended-properties", "docProps/app.xml"),
    ]
    return _rels(kinds)


def workbook_rels(sheets: int) -> str:
    kinds = [
        (f"rId{i}", f"{REL}/worksheet", f"worksheets/sheet{i}.xml") for i in range(1, sheets + 1)
    ]
    return _rels([*kinds, (f"rId{sheets + 1}", f"{REL}/styles", "styles.xml")])


def _rels(kinds: Sequence[tuple[str, str, str]]) -> str:
    return (
        f'{HEAD}<Relationships xmlns="{PKG_REL}">'
        + "".join(f'<Relationship Id="{i}" Type="{t}" Target="{p}"/>' for i, t, p in kinds)
        + "</Relationships>"
    )


def core(created: dt.date) -> str:
    """Document properties; the date is the run's, so the same inputs give the same bytes."""
    stamp = f"{created.isoformat()}T00:00:00Z"
    return (
        f'{HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/'
        f'XMLSchema-instance"><dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def app() -> str:
    return (
        f'{HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties"><Application>kundenaudit</Application></Properties>'
    )


def workbook(sheets: Sequence[tuple[str, bool, str | None]]) -> str:
    """The workbook part: (name, hidden, autofilter range or None) per sheet, in order."""
    state = ' state="hidden"'
    entries = "".join(
        f'<sheet name={attr(name)} sheetId="{i}"{state if hidden else ""} r:id="rId{i}"/>'
        for i, (name, hidden, _) in enumerate(sheets, 1)
    )
    names = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
        f"{escape(sheet_ref(name))}!{area}</definedName>"
        for i, (name, _, area) in enumerate(sheets)
        if area is not None
    )
    active = next((i for i, (_, hidden, _) in enumerate(sheets) if not hidden), 0)
    return (
        f'{HEAD}<workbook xmlns="{MAIN}" xmlns:r="{REL}"><workbookPr/><bookViews>'
        f'<workbookView activeTab="{active}"/></bookViews><sheets>{entries}</sheets>'
        + (f"<definedNames>{names}</definedNames>" if names else "")
        + "</workbook>"
    )


def styles(fills: Sequence[str]) -> str:
    """Fonts, fills, the cell styles of STYLE_INDEX, and one differential style (a background
    colour, ``#RRGGBB``) per entry of ``fills`` for conditional formats."""
    custom = "".join(
        f'<numFmt numFmtId="{i}" formatCode={attr(code)}/>'
        for i, code in NUMBER_FORMATS.values()
        if i >= 164
    )
    numbers = "".join(
        f'<xf numFmtId="{i}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        for i, _ in NUMBER_FORMATS.values()
    )
    dxfs = "".join(
        f'<dxf><fill><patternFill><bgColor rgb="{argb(c)}"/></patternFill></fill></dxf>'
        for c in fills
    )
    return (
        f'{HEAD}<styleSheet xmlns="{MAIN}">'
        f'<numFmts count="{custom.count("<numFmt ")}">{custom}</numFmts>'
        '<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
        '<font><sz val="11"/><color rgb="FF444444"/><name val="Calibri"/><family val="2"/></font>'
        '</fonts><fills count="3"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid">'
        '<fgColor rgb="FFEEEEEE"/><bgColor indexed="64"/></patternFill></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        f'</cellStyleXfs><cellXfs count="{3 + len(NUMBER_FORMATS)}">'
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
        '<xf numFmtId="0" fontId="2" fillId="2" borderId="0" xfId="0" applyFont="1" '
        f'applyFill="1"/>{numbers}</cellXfs><cellStyles count="1"><cellStyle name="Normal" '
        f'xfId="0" builtinId="0"/></cellStyles><dxfs count="{len(fills)}">{dxfs}</dxfs>'
        "</styleSheet>"
    )
