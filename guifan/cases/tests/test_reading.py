"""Files as they arrive: every encoding units use, and files that must be refused."""

import codecs
import zipfile

import pytest

from guifan.cases.importing.reading import FileRefused, open_table

ROWS = "部门受案号,案件名称\n临江检公诉受〔2015〕0001号,张某盗窃案\n"


def _rows(table):
    return list(table.rows)


@pytest.mark.parametrize(
    "encoding,expected",
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("gbk", "gb18030"),
        ("gb18030", "gb18030"),
        ("utf-16", "utf-16"),
    ],
)
def test_encodings_are_detected(tmp_path, encoding, expected):
    path = tmp_path / "cases.csv"
    path.write_bytes(ROWS.encode(encoding))
    table = open_table(path)
    assert table.encoding == expected
    assert table.header == ["部门受案号", "案件名称"]
    assert _rows(table) == [(2, ["临江检公诉受〔2015〕0001号", "张某盗窃案"])]


def test_forcing_the_wrong_encoding_names_the_right_one(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_bytes(ROWS.encode("gbk"))
    with pytest.raises(FileRefused, match="应选择 GBK"):
        open_table(path, encoding="utf-8")
    utf8 = tmp_path / "utf8.csv"
    utf8.write_bytes(ROWS.encode("utf-8"))
    with pytest.raises(FileRefused, match="选择 UTF-8"):
        open_table(utf8, encoding="gbk")


def test_mixed_encodings_are_refused_with_the_line(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes(ROWS.encode("utf-8") + "王某案,x\n".encode("gbk") + b"\xff\xfe\xfa\n")
    with pytest.raises(FileRefused, match="无法识别文件编码"):
        open_table(path)


def test_tab_separated_text_from_excel(tmp_path):
    path = tmp_path / "cases.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + ROWS.replace(",", "\t").encode("utf-16-le"))
    assert open_table(path).header == ["部门受案号", "案件名称"]


def test_quoted_cells_with_line_breaks_keep_line_numbers(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text('部门受案号,案件名称\n"A1","第一行\n第二行"\nA2,乙\n', encoding="utf-8")
    assert [line for line, _ in _rows(open_table(path))] == [2, 4]


@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "空的"),
        (b"\x00\x01\x02binary\x00junk" * 100, "二进制"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".xls"),
    ],
)
def test_junk_is_refused(tmp_path, content, message):
    path = tmp_path / "junk.csv"
    path.write_bytes(content)
    with pytest.raises(FileRefused, match=message):
        open_table(path)


def test_a_million_columns_is_refused(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text(",".join(f"c{i}" for i in range(1_000_000)) + "\n1\n", encoding="utf-8")
    with pytest.raises(FileRefused, match="最多支持 200 列"):
        open_table(path)


def test_xlsx_zip_bomb_is_refused(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (64 * 1024 * 1024))
    with pytest.raises(FileRefused, match="压缩炸弹"):
        open_table(path)


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(FileRefused, match="不是 Excel 工作簿"):
        open_table(path)


def test_xlsx_named_sheet_and_typed_cells(tmp_path):
    import datetime

    import xlsxwriter

    path = tmp_path / "cases.xlsx"
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("说明").write(0, 0, "本表为导出说明")
    sheet = book.add_worksheet("案件")
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, ["部门受案号", "受理日期", "数量"])
    sheet.write_string(1, 0, "临江检公诉受〔2015〕0001号")
    sheet.write_datetime(1, 1, datetime.datetime(2015, 3, 14), date_format)
    sheet.write_number(1, 2, 3)
    book.close()
    with pytest.raises(FileRefused, match="找不到工作表“案卷”，文件中的工作表有：说明、案件"):
        open_table(path, sheet="案卷")
    table = open_table(path, sheet="案件")
    assert table.header == ["部门受案号", "受理日期", "数量"]
    [(line, cells)] = _rows(table)
    assert line == 2
    assert cells[0] == "临江检公诉受〔2015〕0001号"
    assert cells[1] == datetime.date(2015, 3, 14)


def test_a_sparse_sheet_reaching_the_last_cell_is_refused_before_reading(tmp_path):
    import xlsxwriter

    path = tmp_path / "sparse.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_string(0, 0, "部门受案号")
    sheet.write_string(1048575, 16383, "x")
    book.close()
    assert path.stat().st_size < 20_000
    with pytest.raises(FileRefused, match="第 16384 列"):
        open_table(path)


def test_a_tall_narrow_sheet_is_fine(tmp_path):
    import xlsxwriter

    path = tmp_path / "tall.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["部门受案号", "案件名称"])
    sheet.write_row(5000, 0, ["A1", "甲"])
    book.close()
    assert [line for line, _ in open_table(path).rows] == [5001]


def test_xlsx_header_below_blank_rows_keeps_sheet_line_numbers(tmp_path):
    import xlsxwriter

    path = tmp_path / "offset.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(2, 1, ["部门受案号", "案件名称"])
    sheet.write_row(3, 1, ["A1", "甲"])
    sheet.write_row(5, 1, ["A2", "乙"])
    book.close()
    table = open_table(path)
    assert table.header == ["部门受案号", "案件名称"]
    assert list(table.rows) == [(4, ["A1", "甲"]), (6, ["A2", "乙"])]


def test_forcing_utf8_on_a_file_with_a_bom(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(ROWS.encode("utf-8-sig"))
    assert open_table(path, encoding="UTF-8").header == ["部门受案号", "案件名称"]
