"""Each statistic on the hand-made campaign of conftest.py, whose figures are known."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from guifan.accounts.models import User
from guifan.campaigns import services as campaigns
from guifan.cases.services import cases_import
from guifan.rectification.tests.test_baseline import ledger_row
from guifan.reports.findings import findings_by_rule
from guifan.reports.grades import evaluation_results, recheck_changes
from guifan.reports.lookback import lookback_answers
from guifan.reports.selectors import (
    plans_by_unit,
    problem_counts,
    progress_by_unit,
    rectification_by_unit,
)
from guifan.reports.tests.conftest import RECORDING, on, record_problem
from guifan.reports.trends import campaign_statistics, trends_by_month, unit_ranking
from guifan.testing.factories import CaseFactory, DepartmentFactory
from guifan.testing.files import write_csv

CITY, A, B = "测市", "甲区", "乙县"


def test_progress_counts_handed_in_and_late_tasks_per_unit_and_track(cast, world):
    table = progress_by_unit(campaign=world, user=cast.office)
    assert table.columns == ["单位", "查遗补缺回头看", "制度创新回头看", "案件评查回头看",
                             "开展情况报送", "应报", "已报", "超期", "完成率（%）"]  # fmt: skip
    assert table.row(A) == [A, 1, 0, 0, 1, 4, 2, 3, 50.0]  # the report came in on 4/2: late
    assert table.row(B) == [B, 0, 0, 0, 0, 4, 0, 4, 0.0]
    assert [row[0] for row in table.rows] == [CITY, A, B]


def test_a_liaison_counts_only_its_own_unit(cast, world):
    table = progress_by_unit(campaign=world, user=cast.liaison_a)
    assert [row[0] for row in table.rows] == [A]
    assert all(len(t.rows) <= 1 for t in campaign_statistics(campaign=world, user=cast.liaison_b)
               if t.key not in ("problems_category", "evaluation_reason", "trends",
                             "lookback_question", "lookback_unit", "check_rules"))  # fmt: skip


def test_problems_by_unit_and_category_leave_out_what_was_found_after_today(cast, world):
    by_unit, by_category = problem_counts(campaign=world, user=cast.office)
    assert by_unit.columns == ["单位", "查遗补缺自查", "合计"]
    assert by_unit.row(A) == [A, 2, 2]
    assert by_unit.row(B) == [B, 1, 1]  # not the one found on 4/10
    assert by_category.rows == [["司法作风简单粗暴", 1, 1], ["执行办案规范和纪律不严", 2, 2]]


def test_rectification_counts_statuses_overdue_and_closed_late(cast, world):
    table = rectification_by_unit(campaign=world, user=cast.office)
    assert table.columns == ["单位", "未整改", "整改中", "已整改", "已销号", "合计",
                             "超期未整改", "逾期销号", "销号率（%）"]  # fmt: skip
    assert table.row(A) == [A, 0, 1, 0, 1, 2, 1, 1, 50.0]
    assert table.row(B) == [B, 1, 0, 0, 0, 1, 0, 0, 0.0]


def test_evaluation_results_by_reason_and_unit(cast, world):
    by_reason, by_unit = evaluation_results(campaign=world, user=cast.office)
    assert by_reason.columns == ["抽取理由", "优质", "合格", "瑕疵", "不合格", "合计"]
    assert by_reason.rows == [
        ["新评查", 1, 0, 0, 0, 1],  # the decided grade (优质), not the suggestion (合格)
        ["重点评查", 0, 1, 0, 0, 1],  # two evaluators, one case
        ["复查", 0, 0, 1, 0, 1],
    ]
    assert by_unit.row(A) == [A, 1, 1, 0, 0, 2, 100.0]
    assert by_unit.row(B) == [B, 0, 0, 1, 0, 1, 0.0]


def test_a_liaison_sees_only_final_results_of_its_cases(cast, world):
    _, by_unit = evaluation_results(campaign=world, user=cast.liaison_b)
    assert by_unit.rows == [[B, 0, 0, 0, 0, 0, 0.0]]  # the 复查 result is not final yet


def test_recheck_changes_compare_with_the_earlier_grade(cast, world):
    table = recheck_changes(campaign=world, user=cast.office)
    assert table.row(B) == [B, 1, 0, 1, 100.0]  # 合格 before, 瑕疵 now
    assert table.row(A) == [A, 0, 0, 0, 0.0]


def test_trends_run_from_the_campaigns_month_to_today(cast, world):
    table = trends_by_month(campaign=world, user=cast.office)
    assert table.columns == ["月份", "发现问题", "整改销号", "评查结果", "报送任务"]
    assert table.rows == [["2016-03", 3, 0, 4, 1], ["2016-04", 0, 1, 0, 1]]


def test_plans_by_unit_are_counted_by_status(cast, world):
    assert plans_by_unit(campaign=world, user=cast.office).row(A) == [A, 0, 0, 0, 0, 0]


def test_ranking_weighs_completion_closing_and_good_results(cast, world):
    table = unit_ranking(campaign=world, user=cast.office)
    # 甲区: 50×0.4 + 50×0.3 + 100×0.3 = 65; 乙县 0; the city has nothing but tasks: 0.
    assert table.rows[0] == [A, 50.0, 50.0, 100.0, 2, 65.0, 1]
    assert [row[0] for row in table.rows[1:]] == [B, CITY]
    assert table.row(CITY)[1:4] == [0.0, "—", "—"]


def test_the_number_of_queries_does_not_grow_with_the_rows(cast, world):
    def queries() -> int:
        office = User.objects.get(pk=cast.office.pk)  # nothing cached on it
        with CaptureQueriesContext(connection) as captured:
            tables = campaign_statistics(campaign=world, user=office)
        assert len(tables) == 13
        return len(captured)

    before = queries()
    for _ in range(5):
        record_problem(world, cast.unit_b, cast.liaison_b, RECORDING, (3, 22))
    CaseFactory.create_batch(3, unit=cast.unit_b)
    assert queries() == before


def test_the_city_departments_are_rows_of_their_own_after_the_city(cast):
    DepartmentFactory(unit=cast.city, name="公诉处", line="gongsu")
    DepartmentFactory(unit=cast.city, name="反贪污贿赂局", line="fantan")
    campaign = campaigns.campaign_create_from_template(
        template="look_back", year=2016, issuing_unit=cast.city, by=cast.office
    )
    campaigns.campaign_start(campaign=campaign, by=cast.office)
    table = progress_by_unit(campaign=campaign, user=cast.office)
    assert [row[0] for row in table.rows] == [CITY, f"{CITY}反贪污贿赂局", f"{CITY}公诉处", A, B]
    assert table.row(f"{CITY}公诉处")[:7] == [f"{CITY}公诉处", 0, 0, 0, 0, 1, 0]
    assert table.row(CITY)[5] == 4  # the 市院's own four tasks, its departments' apart


def test_the_imported_2015_ledger_counts_in_the_rectification_progress(cast, campaign, tmp_path):
    """2015 遗留: open rows of the imported 整改台账 are items of the campaign like any other."""
    rows = [
        ledger_row("TZ2015-002", 整改状态="整改中", 销号日期=""),
        ledger_row("TZ2015-003", 单位编码="970103", 整改状态="未整改", 销号日期=""),
        ledger_row("TZ2015-001"),  # closed in 2015: not taken over
    ]
    ledger = write_csv(tmp_path / "台账.csv", rows)
    with on(3, 20):
        cases_import(path=ledger, kind="baseline_items", user=cast.office)
        table = rectification_by_unit(campaign=campaign, user=cast.office)
    # 单位, 未整改, 整改中, 已整改, 已销号, 合计 …
    assert table.row(A)[:6] == [A, 0, 1, 0, 0, 1]
    assert table.row(B)[:6] == [B, 1, 0, 0, 0, 1]


def test_lookback_answers_are_counted_by_question_and_unit(cast, world):
    by_question, by_unit = lookback_answers(campaign=world, user=cast.office)
    assert by_question.columns == ["回头看问题", "是", "部分", "否", "合计", "答“是”占比（%）"]
    # The unfinished form's answer is not counted; 程序漏洞是否扎紧 was not answered.
    assert by_question.rows == [
        ["规范意识是否提高", 2, 1, 1, 4, 50.0],
        ["案件整改是否到位", 0, 0, 1, 1, 0.0],
        ["制度执行是否有力", 1, 0, 0, 1, 100.0],
        ["程序漏洞是否扎紧", 0, 0, 0, 0, 0.0],
    ]
    rows = {(row[0], row[1]): row[2:] for row in by_unit.rows}
    assert rows[A, "规范意识是否提高"] == [2, 1, 0, 3]
    assert rows[B, "规范意识是否提高"] == [0, 0, 1, 1]
    assert rows[B, "制度执行是否有力"] == [1, 0, 0, 1]
    assert rows[CITY, "规范意识是否提高"] == [0, 0, 0, 0]


def test_a_liaison_counts_the_answers_of_its_final_results_only(cast, world):
    by_question, by_unit = lookback_answers(campaign=world, user=cast.liaison_b)
    assert {row[0] for row in by_unit.rows} == {B}
    assert sum(row[4] for row in by_question.rows) == 0  # 乙县's result is not final yet
    by_question, by_unit = lookback_answers(campaign=world, user=cast.liaison_a)
    assert by_question.rows[0] == ["规范意识是否提高", 2, 1, 0, 3, 66.7]


def test_check_findings_are_counted_by_rule_and_decision(cast, checked):
    table = findings_by_rule(campaign=checked, user=cast.office)
    assert table.columns == ["检查规则", "待核实", "已确认", "已排除", "已不成立", "合计",
                             "确认率（%）"]  # fmt: skip
    assert [row[0][:5] for row in table.rows] == ["R1-03", "R1-04"]
    assert table.rows[0][1:] == [1, 2, 0, 0, 3, 100.0]
    assert table.rows[1][1:] == [0, 0, 1, 1, 2, 0.0]
    assert findings_by_rule(campaign=checked, user=cast.liaison_b).rows == [table.rows[1]]
    assert findings_by_rule(campaign=checked, user=cast.evaluator).rows == []
