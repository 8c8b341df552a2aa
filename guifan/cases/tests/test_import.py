"""Importing case lists: every valid row stored, every bad row explained, re-imports idempotent."""

import json

import openpyxl
import pytest

from guifan.cases.importing.engine import FileRefused
from guifan.cases.models import Case, Interrogation
from guifan.cases.services import cases_import
from guifan.cli import main
from guifan.journal.models import Entry
from guifan.journal.verbs import Verb
from guifan.testing.files import case_row, write_csv


def _import(path, **kwargs):
    return cases_import(path=path, kind=kwargs.pop("kind", "cases"), **kwargs)


def test_valid_rows_are_stored_with_their_links(registry, tmp_path):
    path = write_csv(tmp_path / "cases.csv", [case_row(1), case_row(2, 挂牌督办="市院")])
    result = _import(path)
    assert (result.imported, result.rejected) == (2, 0)
    case = Case.objects.get(case_no="甲区检公诉受[2015]0001号")
    assert case.case_no_norm == "甲区检公诉受〔2015〕0001号"
    assert case.unit == registry.unit_a
    assert case.department.name == "公诉科"
    assert case.handler.staff_no == "9701020001"
    assert str(case.close_date) == "2015-04-20"
    assert Case.objects.get(name="张某2盗窃案").supervision == "city"


def test_reimporting_the_same_file_changes_nothing(registry, tmp_path):
    path = write_csv(tmp_path / "cases.csv", [case_row(n) for n in range(1, 6)])
    _import(path)
    entries = Entry.objects.count()
    again = _import(path)
    assert (again.imported, again.updated, again.unchanged, again.rejected) == (0, 0, 5, 0)
    assert Case.objects.count() == 5
    assert Entry.objects.count() == entries + 2  # only the import's start and end


def test_same_cases_in_another_spelling_are_the_same_cases(registry, tmp_path):
    _import(write_csv(tmp_path / "a.csv", [case_row(1)]))
    other = case_row(1, 部门受案号="甲区检公诉受〔２０１５〕0001号", 受理日期="2015年3月14日")
    result = _import(write_csv(tmp_path / "b.csv", [other]))
    assert result.unchanged == 1
    assert Case.objects.count() == 1


def test_a_changed_row_is_updated_and_the_change_journaled(registry, tmp_path):
    _import(write_csv(tmp_path / "a.csv", [case_row(1), case_row(2)]))
    changed = case_row(2, 结案方式="不起诉", 办结日期="2015-05-01")
    result = _import(write_csv(tmp_path / "b.csv", [case_row(1), changed]))
    assert (result.updated, result.unchanged) == (1, 1)
    case = Case.objects.get(name="张某2盗窃案")
    assert case.close_type == "不起诉"
    entry = Entry.objects.filter(verb=Verb.CASE_UPDATE).get()
    assert entry.target_id == str(case.pk)
    assert json.loads(entry.payload) == {"fields": ["close_date", "close_type"]}
    assert "不起诉" not in entry.payload  # the audit administrator reads no business data


def test_each_bad_row_is_rejected_with_line_column_and_reason(registry, tmp_path):
    rows = [
        case_row(1),
        case_row(2, 受理日期="2015-02-30"),
        case_row(1, 案件名称="重复"),
        case_row(3, 案件状态="正在办"),
        case_row(4, 承办部门="公诉部"),
        case_row(5, 承办人工号="0000"),
        case_row(6, 单位编码="999999"),
        case_row(7, 案件名称=""),
        case_row(8, 是否自侦="也许"),
    ]
    result = _import(write_csv(tmp_path / "cases.csv", rows), errors_path=tmp_path / "err.xlsx")
    assert (result.imported, result.rejected) == (1, 8)
    reasons = {e.line: (e.column, e.reason) for e in result.errors}
    assert reasons[3] == ("受理日期", "受理日期：日期“2015-02-30”不存在")
    assert "与第 2 行重复" in reasons[4][1]
    assert "案件状态“正在办”无法识别" in reasons[5][1]
    assert "没有名为“公诉部”的部门" in reasons[6][1]
    assert "工号“0000”不存在" in reasons[7][1]
    assert "单位“999999”不存在" in reasons[8][1]
    assert reasons[9] == ("案件名称", "案件名称：必填项为空")
    assert "不是“是/否”" in reasons[10][1]
    sheet = openpyxl.load_workbook(tmp_path / "err.xlsx").active
    header = [c.value for c in sheet[1]]
    assert header[-2:] == ["原行号", "错误原因"]
    assert sheet.max_row == 9
    assert [c.value for c in sheet[2]][:3] == [
        "甲区检公诉受[2015]0002号",
        "97010220150000002",
        "张某2盗窃案",
    ]


def test_the_fixed_error_report_imports_as_it_is(registry, tmp_path):
    rows = [case_row(1), case_row(2, 受理日期="2015-02-30")]
    _import(write_csv(tmp_path / "cases.csv", rows), errors_path=tmp_path / "err.xlsx")
    book = openpyxl.load_workbook(tmp_path / "err.xlsx")
    header = [c.value for c in book.active[1]]
    book.active.cell(row=2, column=header.index("受理日期") + 1, value="2015-02-28")
    book.save(tmp_path / "fixed.xlsx")
    result = _import(tmp_path / "fixed.xlsx")
    assert (result.imported, result.rejected, result.warnings) == (1, 0, [])


def test_unknown_columns_are_reported_not_silently_dropped(registry, tmp_path):
    path = write_csv(tmp_path / "cases.csv", [{**case_row(1), "备注": "x"}])
    result = _import(path)
    assert result.imported == 1
    assert result.warnings == [
        "未识别的列“备注”（第 15 列），其内容未导入；如是有用信息，请按导入说明修改列名"
    ]


def test_header_aliases(registry, tmp_path):
    row = {
        ("bmsah" if k == "部门受案号" else "审结日期" if k == "办结日期" else k): v
        for k, v in case_row(1).items()
    }
    assert _import(write_csv(tmp_path / "cases.csv", [row])).imported == 1


def test_missing_required_columns_refuse_the_file(registry, tmp_path):
    row = case_row(1)
    del row["案件名称"], row["单位编码"]
    with pytest.raises(FileRefused, match="缺少必需的列：案件名称、单位编码（或承办单位）"):
        _import(write_csv(tmp_path / "cases.csv", [row]))


def test_liaison_imports_only_its_own_units_rows(registry, tmp_path):
    rows = [case_row(1), case_row(2, unit="970103", 部门受案号="乙县检公诉受〔2015〕0002号")]
    result = _import(write_csv(tmp_path / "cases.csv", rows), user=registry.liaison_a)
    assert (result.imported, result.rejected) == (1, 1)
    assert "不能导入其他单位（乙县）的案件" in result.errors[0].reason
    assert not Case.objects.filter(unit=registry.unit_b).exists()


def test_liaison_cannot_overwrite_another_units_case(registry, tmp_path):
    _import(write_csv(tmp_path / "b.csv", [case_row(9, unit="970103")]))
    sneaky = case_row(9, unit="970102", 案件名称="改名")
    result = _import(write_csv(tmp_path / "a.csv", [sneaky]), user=registry.liaison_a)
    assert result.rejected == 1
    assert Case.objects.get(case_no_norm__endswith="0009号").name == "张某9盗窃案"
    # The reason does not confirm that another unit holds this case (its page is a 404).
    reason = result.errors[0].reason
    assert "本单位不能导入这一部门受案号" in reason
    assert "其他单位" not in reason and "已由" not in reason and "登记" not in reason


@pytest.mark.parametrize("who", ["auditadmin", "sysadmin", "evaluator", "handler"])
def test_roles_without_import_duty_are_refused(registry, tmp_path, who):
    with pytest.raises(FileRefused, match="不能导入"):
        _import(write_csv(tmp_path / "cases.csv", [case_row(1)]), user=getattr(registry, who))


def test_every_import_is_journaled_with_its_counts(registry, tmp_path):
    _import(write_csv(tmp_path / "cases.csv", [case_row(1)]), user=registry.office)
    started, done = Entry.objects.filter(verb=Verb.IMPORT).order_by("seq")
    assert started.actor_id == done.actor_id == registry.office.pk
    assert json.loads(started.payload)["status"] == "started"
    payload = json.loads(done.payload)
    assert (payload["status"], payload["imported"], payload["file"]) == ("done", 1, "cases.csv")


def test_nul_characters_huge_numbers_and_runaway_cells_are_rejected(registry, tmp_path):
    import xlsxwriter

    rows = [case_row(1), case_row(2), case_row(3, 案由="x" * 40_000)]
    rows[0]["案件名称"] = "张某\x00案"
    path = tmp_path / "cases.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, list(rows[0]))
    for number, row in enumerate(rows, start=1):
        for col, value in enumerate(row.values()):
            sheet.write_string(number, col, value)
    book.close()
    result = _import(path)
    assert (result.imported, result.rejected) == (1, 2)
    reasons = " ".join(e.reason for e in result.errors)
    assert "空字符" in reasons and "引号不成对" in reasons
    events = [
        {"部门受案号": "甲区检公诉受〔2015〕0002号", "序号": "99999999999999999999", "姓名": "张某"}
    ]
    result = _import(write_csv(tmp_path / "suspects.csv", events), kind="suspects")
    assert result.rejected == 1
    assert "不是正整数" in result.errors[0].reason


def test_a_failing_import_is_journaled_as_failed(registry, tmp_path, monkeypatch):
    from guifan.cases.importing import engine

    def explode(self, rows, result):
        raise RuntimeError("disk full")

    monkeypatch.setattr(engine.Importer, "_import_batch", explode)
    with pytest.raises(RuntimeError):
        _import(write_csv(tmp_path / "cases.csv", [case_row(1)]))
    statuses = [
        json.loads(e.payload)["status"]
        for e in Entry.objects.filter(verb=Verb.IMPORT).order_by("seq")
    ]
    assert statuses == ["started", "failed"]


def test_events_link_to_cases_and_reimport_is_idempotent(registry, tmp_path):
    _import(write_csv(tmp_path / "cases.csv", [case_row(1)]))
    rows = [
        {
            "部门受案号": "甲区检公诉受〔2015〕0001号",
            "序号": "1",
            "开始时间": "2015-03-03 09:00",
            "结束时间": "2015-03-03 11:30",
            "讯问地点": "看守所",
            "讯问人工号": "A1;A2",
            "同步录音录像": "是",
        },
        {
            "部门受案号": "甲区检公诉受〔2015〕0404号",
            "序号": "1",
            "开始时间": "2015-03-03 09:00",
            "结束时间": "",
            "讯问地点": "看守所",
            "讯问人工号": "",
            "同步录音录像": "否",
        },
    ]
    path = write_csv(tmp_path / "interrogations.csv", rows)
    result = _import(path, kind="interrogations")
    assert (result.imported, result.rejected) == (1, 1)
    assert "找不到部门受案号为“甲区检公诉受〔2015〕0404号”的案件" in result.errors[0].reason
    item = Interrogation.objects.get()
    assert item.interrogators == "A1,A2"
    assert item.location_type == "detention_centre"
    assert _import(path, kind="interrogations").unchanged == 1
    rows[0]["同步录音录像"] = "否"
    updated = _import(write_csv(tmp_path / "i2.csv", rows), kind="interrogations")
    assert updated.updated == 1
    assert Entry.objects.filter(verb=Verb.CASE_EVENT_UPDATE).exists()


def test_liaison_cannot_add_events_to_another_units_case(registry, tmp_path):
    _import(write_csv(tmp_path / "cases.csv", [case_row(5, unit="970103")]))
    rows = [{"部门受案号": "甲区检公诉受〔2015〕0005号", "序号": "1", "姓名": "张某"}]
    result = _import(
        write_csv(tmp_path / "suspects.csv", rows), kind="suspects", user=registry.liaison_a
    )
    assert result.rejected == 1


def test_cli_json_summary_and_exit_codes(registry, tmp_path, capsys):
    path = write_csv(tmp_path / "cases.csv", [case_row(1), case_row(2, 受理日期="bad")])
    assert main(["cases", "import", str(path), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert {k: summary[k] for k in ("imported", "updated", "unchanged", "rejected")} == {
        "imported": 1,
        "updated": 0,
        "unchanged": 0,
        "rejected": 1,
    }
    assert summary["errors"][0]["line"] == 3
    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"\x00\x01junk")
    assert main(["cases", "import", str(junk)]) == 2
    assert "二进制" in capsys.readouterr().err


def test_cli_kinds_match_the_specs():
    from guifan.cases.cli import KINDS
    from guifan.cases.importing.specs import SPECS

    assert set(KINDS) == set(SPECS)


def test_large_imports_refresh_planner_statistics(registry, tmp_path, monkeypatch):
    from guifan.cases import services

    calls = []
    monkeypatch.setattr(services, "ANALYZE_AFTER", 2)
    original = services.refresh_statistics
    monkeypatch.setattr(services, "refresh_statistics", lambda m: calls.append(original(m) or m))
    _import(write_csv(tmp_path / "one.csv", [case_row(1)]))
    assert calls == []
    _import(write_csv(tmp_path / "two.csv", [case_row(2), case_row(3)]))
    assert calls == [Case]


def test_a_blank_handler_number_next_to_filled_ones(registry, tmp_path):
    rows = [case_row(1), case_row(2, 承办人工号="")]
    assert _import(write_csv(tmp_path / "a.csv", rows)).imported == 2
    rows[1]["结案方式"] = "不起诉"
    rows[0]["承办人工号"] = ""
    result = _import(write_csv(tmp_path / "b.csv", rows))
    assert (result.updated, result.rejected) == (2, 0)
    assert Case.objects.get(name="张某1盗窃案").handler is None


def test_a_handler_of_another_unit_is_refused(registry, tmp_path):
    from guifan.testing.factories import PersonFactory

    PersonFactory(unit=registry.unit_b, staff_no="9701030001")
    row = case_row(1, 承办人工号="9701030001")
    result = _import(write_csv(tmp_path / "a.csv", [row]), user=registry.liaison_a)
    assert result.rejected == 1
    assert "不是甲区的人员" in result.errors[0].reason


def test_an_unpaired_quote_is_reported_not_silently_swallowed(registry, tmp_path):
    path = write_csv(tmp_path / "cases.csv", [case_row(n) for n in range(1, 6)])
    text = path.read_text(encoding="utf-8").splitlines()
    text[2] = text[2].replace("张某2盗窃案", '"张某2盗窃案')
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    result = _import(path)
    assert result.imported + result.rejected < 5
    assert any("被读作一行" in w and "引号不成对" in w for w in result.warnings)
