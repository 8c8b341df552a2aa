"""Spreadsheets built to exhaust memory are refused in words, under a hard memory limit.

The reader runs in a child process limited to 1 GiB of address space: before the guard, the
two-kilobyte files below made python-calamine ask for 6.7 GB to 550 GB and abort the process
(exit 134), which took the import worker down with it."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from guifan.cases.importing.reading import FileRefused, open_table
from guifan.cases.importing.xlsx import measure_part
from guifan.testing.hostile import announced_strings, far_row_without_positions, write_workbook

LIMIT = 1 << 30

_CHILD = textwrap.dedent(
    """
    import json, resource, sys
    resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
    from pathlib import Path
    from guifan.cases.importing.reading import FileRefused, open_table
    try:
        table = open_table(Path(sys.argv[1]))
        print(json.dumps({{"rows": sum(1 for _ in table.rows)}}))
    except FileRefused as exc:
        print(json.dumps({{"refused": str(exc)}}, ensure_ascii=False))
    """
)


def _read_under_limit(path: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD.format(limit=LIMIT), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, f"the reader died (exit {done.returncode}): {done.stderr[-500:]}"
    return json.loads(done.stdout)


@pytest.mark.parametrize("cells", [16_384, 200])
def test_a_far_row_of_unpositioned_cells_is_refused_under_a_memory_limit(tmp_path, cells):
    path = far_row_without_positions(tmp_path / "hostile.xlsx", cells=cells)
    assert path.stat().st_size < 4_000
    outcome = _read_under_limit(path)
    assert "工作表" in outcome["refused"]
    assert "拆分" in outcome["refused"] or "列" in outcome["refused"]


def test_an_absurd_shared_string_count_is_refused_under_a_memory_limit(tmp_path):
    outcome = _read_under_limit(announced_strings(tmp_path / "sst.xlsx", 4_000_000_000))
    assert "4,000,000,000 个文本" in outcome["refused"]


def test_an_ordinary_workbook_still_reads_under_the_same_limit(tmp_path):
    cells = "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>v{n}</t></is></c></row>'
        for n in range(1, 2001)
    )
    assert _read_under_limit(write_workbook(tmp_path / "ok.xlsx", cells)) == {"rows": 1999}


def test_rows_without_positions_follow_the_last_one(tmp_path):
    # <row r="5"> then two rows without r: the last lands on row 7, three columns wide.
    cell = '<c t="inlineStr"><is><t>x</t></is></c>'
    data = f'<row r="5">{cell}</row><row>{cell}</row><row>{cell * 3}</row>'
    path = write_workbook(tmp_path / "rows.xlsx", data)
    import zipfile

    with zipfile.ZipFile(path) as archive, archive.open("xl/worksheets/sheet1.xml") as part:
        extent = measure_part(part)
    assert (extent.max_row, extent.max_col, extent.cells) == (7, 3, 5)


def test_a_cell_position_hidden_behind_other_attributes_is_found(tmp_path):
    data = '<row r="1"><c s="&gt;" t="inlineStr" r="XFD1"><is><t>x</t></is></c></row>'
    with pytest.raises(FileRefused, match="第 16384 列"):
        open_table(write_workbook(tmp_path / "late-r.xlsx", data))


def test_a_sheet_written_in_utf16_is_refused(tmp_path):
    import zipfile

    path = write_workbook(tmp_path / "utf16.xlsx", "")
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/worksheets/sheet2.xml", "<worksheet/>".encode("utf-16"))
    with pytest.raises(FileRefused, match="UTF-8"):
        open_table(path)


def test_the_web_import_of_a_hostile_sheet_fails_in_words(cast, login, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from guifan.cases.models import ImportRun

    path = far_row_without_positions(tmp_path / "hostile.xlsx", cells=200)
    upload = SimpleUploadedFile("案件.xlsx", path.read_bytes())
    login(cast.liaison_a).post(reverse("cases:import"), {"kind": "cases", "file": upload})
    run = ImportRun.objects.get()
    assert run.status == "failed"
    assert "工作表范围过大（1,048,576 行 × 200 列" in run.failure


def _random_sheet(rng) -> str:
    """Rows and cells with and without positions, in any order a file may hold them."""
    rows = []
    for _row in range(rng.randint(1, 6)):
        number = f' r="{rng.randint(1, 40)}"' if rng.random() < 0.5 else ""
        cells = []
        for _cell in range(rng.randint(0, 6)):
            roll, column = rng.random(), "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[rng.randint(0, 25)]
            ref = f' r="{column}{rng.randint(1, 40)}"' if roll < 0.4 else ""
            cells.append(f'<c{ref} t="inlineStr"><is><t>v</t></is></c>')
        rows.append(f"<row{number}>{''.join(cells)}</row>")
    return "".join(rows)


def test_the_guard_never_places_a_cell_before_calamine_does(tmp_path):
    import random
    import zipfile

    import python_calamine

    rng, checked = random.Random(2016), 0
    for attempt in range(150):
        path = write_workbook(tmp_path / f"layout{attempt}.xlsx", _random_sheet(rng))
        with zipfile.ZipFile(path) as archive, archive.open("xl/worksheets/sheet1.xml") as part:
            extent = measure_part(part)
        try:
            sheet = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
        except python_calamine.CalamineError:
            continue  # calamine refuses the layout (the import says the file is damaged)
        checked += 1
        if sheet.end is not None:
            last_row, last_col = sheet.end  # zero-based
            assert last_row < extent.max_row and last_col < extent.max_col, (
                f"layout {attempt}: calamine {sheet.end}, guard {extent.max_row}x{extent.max_col}"
            )
    assert checked > 100
