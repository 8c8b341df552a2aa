"""The demo import files: named, headed and encoded as units' exports, and importable."""

import csv

import openpyxl
import pytest

from guifan.cases.importing.specs import SPECS
from guifan.demo import export
from guifan.demo.events import EventGenerator
from guifan.demo.export import export_files
from guifan.demo.generator import DemoWorld

BOM = b"\xef\xbb\xbf"


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    directory = tmp_path_factory.mktemp("demo-files")
    messages = []
    counts = export_files(directory, cases=200, progress=messages.append)
    return directory, counts, messages


def _csv_rows(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def _xlsx_rows(path):
    book = openpyxl.load_workbook(path, read_only=True)
    rows = [list(r) for sheet in book.worksheets for r in sheet.iter_rows(values_only=True)]
    book.close()
    return rows


def test_one_csv_and_one_workbook_per_kind(exported):
    directory, counts, messages = exported
    names = {path.name for path in directory.iterdir()}
    assert names == {f"{kind}.{ext}" for kind in SPECS for ext in ("csv", "xlsx")}
    assert set(counts) == set(SPECS)
    assert counts["cases"] == 200
    assert all(counts[kind] > 0 for kind in SPECS), counts
    assert messages == ["已导出案件 200 / 200"]


@pytest.mark.parametrize("kind", list(SPECS))
def test_files_carry_the_spec_headers_and_every_row(exported, kind):
    directory, counts, _ = exported
    header = [column.header for column in SPECS[kind].columns]
    assert (directory / f"{kind}.csv").read_bytes().startswith(BOM)
    rows = _csv_rows(directory / f"{kind}.csv")
    assert rows[0] == header
    assert len(rows) - 1 == counts[kind]
    sheet = _xlsx_rows(directory / f"{kind}.xlsx")
    assert sheet[0] == header
    assert len(sheet) - 1 == counts[kind]
    # Every cell is text, the same text as in the CSV (blank cells read back as None).
    assert [[value or "" for value in row] for row in sheet[1:]] == rows[1:]
    assert all(isinstance(v, str) for row in sheet[1:] for v in row if v is not None)


@pytest.mark.parametrize("kind", list(SPECS))
def test_every_cell_parses_as_the_importer_reads_it(exported, kind):
    directory, _, _ = exported
    columns = SPECS[kind].columns
    for line in _csv_rows(directory / f"{kind}.csv")[1:]:
        for column, text in zip(columns, line, strict=True):
            if column.required:
                assert text, (kind, column.header)
            column.parse(text)  # raises ValueError with the reason if it would be rejected


def test_case_numbers_and_ids_stay_text(exported):
    directory, _, _ = exported
    sheet = _xlsx_rows(directory / "cases.xlsx")
    header = sheet[0]
    for row in sheet[1:]:
        for name in ("部门受案号", "统一受案号", "单位编码", "承办人工号"):
            assert isinstance(row[header.index(name)], str)
    unified = [row[header.index("统一受案号")] for row in sheet[1:]]
    assert all(len(number) == 17 for number in unified)
    suspects = _xlsx_rows(directory / "suspects.xlsx")
    id_column = suspects[0].index("身份证号")
    assert all(
        isinstance(row[id_column], str) and len(row[id_column]) == 18 for row in suspects[1:]
    )


def test_case_file_uses_chinese_labels(exported):
    directory, _, _ = exported
    rows = _csv_rows(directory / "cases.csv")
    header, cases = rows[0], rows[1:]
    world_cases = list(DemoWorld(cases=200).cases(200))
    assert [row[header.index("部门受案号")] for row in cases] == [c.case_no for c in world_cases]
    statuses = {row[header.index("案件状态")] for row in cases}
    assert statuses <= {"办理中", "延长审查", "退回补充侦查中", "已审结", "已结案", "已归档"}
    assert {row[header.index("是否自侦")] for row in cases} <= {"是", "否"}
    assert {row[header.index("承办部门")] for row in cases} >= {"公诉科", "侦查监督科"}


def test_event_rows_hold_exactly_the_spec_fields():
    world = DemoWorld(cases=200)
    generator = EventGenerator(world)
    for case in world.cases(300):
        for kind, rows in generator.events_for(case).rows.items():
            fields = {column.field for column in SPECS[kind].columns}
            assert all(set(row) == fields for row in rows), kind


def test_full_sheets_continue_on_a_new_sheet(tmp_path, monkeypatch):
    monkeypatch.setattr(export, "XLSX_MAX_ROWS", 40)
    counts = export_files(tmp_path, cases=60, formats=("xlsx",))
    assert {path.name for path in tmp_path.iterdir()} == {f"{kind}.xlsx" for kind in SPECS}
    book = openpyxl.load_workbook(tmp_path / "cases.xlsx", read_only=True)
    assert book.sheetnames == ["案件", "案件2"]
    assert sum(sheet.max_row - 1 for sheet in book.worksheets) == counts["cases"] == 60
    book.close()


def test_unknown_formats_are_refused(tmp_path):
    with pytest.raises(ValueError, match="formats"):
        export_files(tmp_path, cases=1, formats=("ods",))
