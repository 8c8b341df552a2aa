"""Workbooks built to make a spreadsheet reader allocate far more than the file holds."""

import zipfile
from pathlib import Path

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def _parts(sheet_data: str, shared_strings: str | None) -> dict[str, str]:
    overrides = f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
    overrides += (
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
    )
    relations = f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    parts = {}
    if shared_strings is not None:
        overrides += (
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_CT}.sharedStrings+xml"/>'
        )
        relations += (
            f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
        )
        parts["xl/sharedStrings.xml"] = shared_strings
    parts |= {
        "[Content_Types].xml": f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{_TYPES}">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f"{overrides}</Types>",
        "_rels/.rels": f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
        f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
        '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{_PKG}">{relations}</Relationships>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{_MAIN}"><sheetData>{sheet_data}'
        "</sheetData></worksheet>",
    }
    return parts


def write_workbook(path: Path, sheet_data: str, shared_strings: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in _parts(sheet_data, shared_strings).items():
            archive.writestr(name, text)
    return path


def far_row_without_positions(path: Path, *, cells: int, row: int = 1_048_576) -> Path:
    """A header row, then row ``row`` holding ``cells`` cells that carry no ``r=``: each lands
    right of the one before, so the reader's rectangle is ``row`` x ``cells``."""
    cell = '<c t="inlineStr"><is><t>x</t></is></c>'
    header = '<row r="1"><c t="inlineStr"><is><t>部门受案号</t></is></c></row>'
    return write_workbook(path, f'{header}<row r="{row}">{cell * cells}</row>')


def announced_strings(path: Path, count: int) -> Path:
    """One shared string, announced as ``count`` (the reader reserves room for all)."""
    sst = (
        f'<sst xmlns="{_MAIN}" count="{count}" uniqueCount="{count}"><si><t>部门受案号</t></si>'
        "</sst>"
    )
    return write_workbook(path, '<row r="1"><c r="A1" t="s"><v>0</v></c></row>', sst)
