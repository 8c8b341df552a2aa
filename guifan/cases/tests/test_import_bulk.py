"""Big loads: the secondary indexes of an empty table are built after its rows, and come
back however the load ends; the column-wise parser words each bad cell as the row parser."""

import pytest
from django.db import connection

from guifan.cases.importing import engine
from guifan.cases.models import Case
from guifan.cases.services import cases_import
from guifan.core.bulk import drop_secondary_indexes
from guifan.testing.files import case_row, write_csv


def _indexes() -> set[str]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, Case._meta.db_table)
    return {name for name, c in found.items() if c["index"] and not c["unique"]}


def test_a_big_file_into_an_empty_table_loads_then_builds_every_index(
    registry, tmp_path, monkeypatch
):
    before = _indexes()
    seen_during_load = []
    real = engine.Importer._import_batch

    def spy(self, rows, result):
        seen_during_load.append(_indexes())
        real(self, rows, result)

    monkeypatch.setattr(engine, "BULK_ROWS", 3)
    monkeypatch.setattr(engine.Importer, "_import_batch", spy)
    rows = [case_row(n) for n in range(1, 6)]
    result = cases_import(path=write_csv(tmp_path / "cases.csv", rows), kind="cases")
    assert (result.imported, result.rejected) == (5, 0)
    assert seen_during_load and seen_during_load[0] == set()  # loaded without them
    assert _indexes() == before and len(before) >= 6  # and every one built after
    again = cases_import(path=write_csv(tmp_path / "cases.csv", rows), kind="cases")
    assert again.unchanged == 5  # the same digests as the row path


def test_a_table_that_holds_cases_keeps_its_indexes_during_a_big_import(
    registry, tmp_path, monkeypatch
):
    cases_import(path=write_csv(tmp_path / "a.csv", [case_row(1)]), kind="cases")
    before = _indexes()
    seen = []
    real = engine.Importer._import_batch
    monkeypatch.setattr(engine, "BULK_ROWS", 3)
    monkeypatch.setattr(
        engine.Importer,
        "_import_batch",
        lambda self, rows, result: (seen.append(_indexes()), real(self, rows, result)),
    )
    rows = [case_row(n) for n in range(2, 7)]
    cases_import(path=write_csv(tmp_path / "b.csv", rows), kind="cases")
    assert seen == [before]


def test_a_failed_big_load_still_gets_its_indexes_back(registry, tmp_path, monkeypatch):
    before = _indexes()

    def explode(self, rows, result):
        raise RuntimeError("disk full")

    monkeypatch.setattr(engine.Importer, "_import_batch", explode)
    with pytest.raises(RuntimeError):
        cases_import(path=write_csv(tmp_path / "c.csv", [case_row(1)]), kind="cases", bulk=True)
    assert _indexes() == before


def test_the_next_import_restores_indexes_an_interrupted_load_left_out(registry, tmp_path):
    before = _indexes()
    drop_secondary_indexes(Case)  # as a load killed half-way leaves the table
    assert _indexes() == set()
    cases_import(path=write_csv(tmp_path / "d.csv", [case_row(1)]), kind="cases")
    assert _indexes() == before


def test_bad_cells_among_good_rows_get_the_row_parsers_reasons(registry, tmp_path):
    # Rows as wide as the header go column by column, a wider one row by row; every reason
    # is worded and ordered as the row parser words it.
    rows = [case_row(n) for n in range(1, 5)]
    rows += [
        case_row(5, 受理日期="", 案件状态="正在办"),
        case_row(6, 案件名称="x" * 201),
        case_row(7, 是否自侦="也许", 办结日期="2015-01-01"),
        case_row(8),
    ]
    path = write_csv(tmp_path / "e.csv", rows)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    lines[-1] += ",多出的一格"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    result = cases_import(path=path, kind="cases")
    reasons = {e.line: e.reason for e in result.errors}
    assert (result.imported, result.rejected) == (4, 4)
    assert reasons[6].startswith("受理日期：必填项为空；案件状态：案件状态“正在办”无法识别")
    assert reasons[7] == "案件名称：超过 200 个字符"
    assert reasons[8].startswith("是否自侦：“也许”不是“是/否”")
    assert "多出 1 列" in reasons[9]


def test_the_first_of_two_duplicates_is_kept_whichever_parser_read_it(registry, tmp_path):
    path = write_csv(tmp_path / "f.csv", [case_row(1), case_row(2), case_row(1, 案件名称="又一")])
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    lines[1] += ","  # one blank cell too many: read row by row, and still a valid row
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    result = cases_import(path=path, kind="cases")
    assert (result.imported, result.rejected) == (2, 1)
    assert result.errors[0].line == 4 and "与第 2 行重复" in result.errors[0].reason


def test_a_case_stored_by_another_import_during_a_fresh_load_is_updated_not_doubled(
    registry, tmp_path, monkeypatch
):
    # The table is empty when the load begins, so its rows are not looked up; a case another
    # import stores meanwhile is caught by the unique case number and looked up after all.
    real = engine.serialise_writers

    def another_import_first():
        real()
        Case.objects.get_or_create(
            case_no_norm="甲区检公诉受〔2015〕0002号",
            defaults={
                "case_no": "甲区检公诉受[2015]0002号",
                "name": "别的导入",
                "category": "审查起诉(一审)",
                "unit": registry.unit_a,
                "status": "closed",
            },
        )

    monkeypatch.setattr(engine, "serialise_writers", another_import_first)
    rows = [case_row(n) for n in range(1, 4)]
    result = cases_import(path=write_csv(tmp_path / "g.csv", rows), kind="cases")
    assert (result.imported, result.updated, result.rejected) == (2, 1, 0)
    assert Case.objects.count() == 3
    assert Case.objects.get(case_no_norm="甲区检公诉受〔2015〕0002号").name == "张某2盗窃案"


def test_tabs_newlines_and_backslashes_in_cells_are_stored_as_written(registry, tmp_path):
    name = "张某\t李某\\王某\n盗窃案"
    path = write_csv(tmp_path / "h.csv", [case_row(1, 案件名称=name, 案由="盗窃罪\\")])
    result = cases_import(path=path, kind="cases")
    assert (result.imported, result.rejected) == (1, 0)
    case = Case.objects.get()
    assert (case.name, case.cause) == (name, "盗窃罪\\")
    again = cases_import(path=path, kind="cases")
    assert again.unchanged == 1
