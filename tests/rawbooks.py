"""Workbooks written byte by byte, as a hostile or careless program may write them: the
smallest .xlsx parts, with the sheet's XML given as it is to stand in the file."""

from __future__ import annotations

import zipfile
from pathlib import Path

HEADER = ("claim_id", "representative", "scheme", "date", "attendance", "claimed_honorarium")
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{_MAIN}">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="[h]:mm"/></numFmts>'
    '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills>'
    '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
    # style 1 is a date (14: d.m.yyyy), style 2 an [h]:mm duration
    '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/>'
    '<xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>')


def cell(reference: str, value: object, *, style: int | None = None) -> str:
    """A cell: a text inline, a number as a number."""
    styled = f' s="{style}"' if style is not None else ""
    if isinstance(value, str):
        return f'<c r="{reference}" t="inlineStr"{styled}><is><t>{value}</t></is></c>'
    return f'<c r="{reference}"{styled}><v>{value}</v></c>'


def header_row() -> str:
    return '<row r="1">' + "".join(cell(f"{chr(65 + i)}1", name)
                                   for i, name in enumerate(HEADER)) + "</row>"


def claim_row(row: int, **replaced: str) -> str:
    """A claim in `row`, its cells as XML; `replaced` gives a column's cell XML instead
    (with `{r}` for the cell's reference)."""
    values = {"claim_id": f"K-{row}", "representative": "Kari Nordmann", "scheme": "unn",
              "date": 44987, "attendance": "fysisk", "claimed_honorarium": 784}
    cells = []
    for index, name in enumerate(HEADER):
        reference = f"{chr(65 + index)}{row}"
        if name in replaced:
            cells.append(replaced[name].format(r=reference))
        else:
            cells.append(cell(reference, values[name], style=1 if name == "date" else None))
    return f'<row r="{row}">' + "".join(cells) + "</row>"


def sheet_xml(rows: str, *, dimension: str | None = None) -> str:
    size = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">{size}'
            f"<sheetData>{rows}</sheetData></worksheet>")


def raw_xlsx(path: Path, sheet: str | bytes, *, target: str = "worksheets/sheet1.xml",
             part: str | None = None, extra: dict[str, bytes] | None = None,
             compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """An .xlsx with one sheet 'Krav' whose XML is `sheet`, found through the relationship
    `target`, stored as `part` (by default where the target points)."""
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
            '.org/package/2006/content-types"><Default Extension="rels" ContentType='
            '"application/vnd.openxmlformats-package.relationships+xml"/><Default Extension='
            '"xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
            'main+xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type='
            f'"{_RELATIONS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" '
            f'xmlns:r="{_RELATIONS}"><sheets><sheet name="Krav" sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>"),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type='
            f'"{_RELATIONS}/worksheet" Target="{target}"/><Relationship Id="rId2" Type='
            f'"{_RELATIONS}/styles" Target="styles.xml"/></Relationships>'),
        "xl/styles.xml": _STYLES,
    }
    with zipfile.ZipFile(path, "w", compression) as book:
        for name, text in files.items():
            book.writestr(name, text)
        book.writestr(part or f"xl/{target}", sheet)
        for name, data in (extra or {}).items():
            book.writestr(name, data)
    return path
