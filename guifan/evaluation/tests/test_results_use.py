"""After the forms: the gate holds a campaign while a case result waits, the handler's
explanation has a deadline, the results' JSON API is scoped, and the results are used (the
司法业绩档案 per prosecutor, 不合格 cases handed to 检务督察)."""

import io
from datetime import date, datetime

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from guifan.core.clock import frozen_at
from guifan.evaluation import results, use
from guifan.evaluation.models import CaseResult, ResultStatus
from guifan.journal.models import Entry
from guifan.journal.sentences import describe
from guifan.journal.verbs import Verb
from guifan.rectification.gate import campaign_gate

from .test_forms import FINDING, team  # noqa: F401
from .test_results import SERIOUS, _fixed, _key_case

KEPT = FINDING | {"rectify": False}


def _at(*day):
    return timezone.make_aware(datetime(*day, 10))


def _single(campaign, cast, unit=None):
    """A case of unit A (or ``unit``) evaluated by one evaluator only."""
    keys = [t.case_id for t in _key_case(campaign, cast)]
    tasks = campaign.assignments.filter(case__unit=unit or cast.unit_a).exclude(case_id__in=keys)
    return tasks.select_related("case").order_by("pk").first()


def _final(task, cast, grade, findings, basis="事实清楚"):
    _fixed(task, grade=grade, findings=findings, basis=basis)
    result = CaseResult.objects.get(campaign=task.campaign, case=task.case)
    with frozen_at(_at(2016, 4, 6)):
        results.result_explain(result=result, by=cast.office, explanation="承办人未作说明",
                               heard_on=date(2016, 4, 6))  # fmt: skip
        results.result_approve(result=result, by=cast.office, body="committee", grade=grade,
                               opinion="同意")  # fmt: skip
    result.refresh_from_db()
    return result


def test_the_gate_holds_the_campaign_while_a_case_result_waits(team, cast):  # noqa: F811
    first, second = _key_case(team, cast)
    _fixed(first, grade="flawed", findings=[KEPT], basis="程序瑕疵")
    _fixed(second, grade="pass")
    result = CaseResult.objects.get(campaign=team, case=first.case)

    def waiting():
        gate = campaign_gate(team)
        return [b.id for b in gate.evaluations if b.kind == "evaluation_result"], gate

    ids, gate = waiting()
    assert ids == [result.pk] and not gate.closable
    assert "待合议、听取说明或审定的案件评查结论 1 件" in gate.summary()
    with frozen_at(_at(2016, 4, 6)):
        results.result_deliberate(result=result, by=cast.team_lead, grade="flawed",
                                  participants="组长、甲、乙", opinion="属程序瑕疵",
                                  dissent="乙认为合格")  # fmt: skip
        assert waiting()[0] == [result.pk]  # waits for the handler
        results.result_explain(result=result, by=cast.team_lead, explanation="设备故障",
                               heard_on=date(2016, 4, 6))  # fmt: skip
        assert waiting()[0] == [result.pk]  # waits for the 审定
        results.result_approve(result=result, by=cast.office, body="committee", grade="flawed",
                               opinion="同意")  # fmt: skip
    assert waiting()[0] == []


def test_the_handlers_explanation_is_due_and_flagged_when_late(team, cast, login, settings):  # noqa: F811
    task = _single(team, cast)
    _fixed(task, grade="pass")  # fixed on 2016-04-05, when the objection window closed
    result = CaseResult.objects.get(campaign=team, case=task.case)
    assert result.status == ResultStatus.EXPLANATION
    assert result.explanation_due == date(2016, 4, 12)  # five working days
    page = reverse("evaluation:result", args=[result.pk])
    overview = reverse("evaluation:results_overview", args=[team.pk])
    office = login(cast.office)
    with frozen_at(_at(2016, 4, 12)):
        assert result.explanation_overdue == 0
        assert "explanation-overdue" not in office.get(page).content.decode()
    with frozen_at(_at(2016, 4, 14)):
        assert "已逾期 2 天" in office.get(page).content.decode()
        assert "听取说明逾期 2 天" in office.get(overview).content.decode()
        results.result_explain(result=result, by=cast.office, explanation="承办人未作说明",
                               heard_on=date(2016, 4, 14))  # fmt: skip
        result.refresh_from_db()
        assert result.explanation_overdue == 0  # heard: no longer flagged
    # A 重点评查 case: due counted from the 合议, by the setting.
    settings.GUIFAN_EXPLANATION_DAYS = 2
    first, second = _key_case(team, cast)
    _fixed(first, grade="pass")
    _fixed(second, grade="pass")
    key = CaseResult.objects.get(campaign=team, case=first.case)
    assert key.explanation_due is None
    with frozen_at(_at(2016, 4, 7)):
        results.result_deliberate(result=key, by=cast.team_lead, grade="pass",
                                  participants="组长、甲、乙", opinion="合格")  # fmt: skip
    key.refresh_from_db()
    assert key.explanation_due == date(2016, 4, 11)  # Thursday + 2 working days
    entry = Entry.objects.filter(verb=Verb.RESULT_DELIBERATE).last()
    assert describe([entry])[0].endswith("听取承办人说明期限 2016-04-11")


def test_the_results_api_is_scoped(team, cast, login):  # noqa: F811
    mine = team.assignments.filter(evaluator=cast.evaluator.person).select_related("case").first()
    own = team.assignments.filter(evaluator=cast.evaluator.person).values_list("case_id", flat=True)
    other = team.assignments.exclude(case_id__in=own).select_related("case").first()
    for task in (mine, other):
        results.result_for(campaign=team, case=task.case)
    url = f"/api/evaluation/results?campaign={team.pk}"
    everything = login(cast.office).get(url).json()
    assert len(everything) >= 2
    evaluated = {row["case_no"] for row in login(cast.evaluator).get(url).json()}
    assert evaluated and evaluated <= set(
        team.assignments.filter(evaluator=cast.evaluator.person).values_list(
            "case__case_no_norm", flat=True
        )
    )
    assert other.case.case_no_norm not in evaluated
    mine_result = CaseResult.objects.get(campaign=team, case=mine.case)
    other_result = CaseResult.objects.get(campaign=team, case=other.case)
    evaluator = login(cast.evaluator)
    assert evaluator.get(f"/api/evaluation/results/{mine_result.pk}").status_code == 200
    assert evaluator.get(f"/api/evaluation/results/{other_result.pk}").status_code == 404
    # A unit's liaison: its own unit's results once final, never another unit's.
    assert login(cast.liaison_a).get(url).json() == []
    final = _final(_single(team, cast), cast, "pass", [])
    rows = login(cast.liaison_a).get(url).json()
    assert [(r["case_no"], r["final_grade"]) for r in rows] == [(final.case.case_no_norm, "pass")]
    assert login(cast.liaison_b).get(url).json() == []
    assert login(cast.liaison_b).get(f"/api/evaluation/results/{final.pk}").status_code == 404
    assert login(cast.sysadmin).get(url).status_code == 403


def test_fail_results_go_to_inspection_and_into_the_dossier(team, cast, login):  # noqa: F811
    task = _single(team, cast)
    failed = _final(task, cast, "fail", [SERIOUS])
    passed = _final(_single(team, cast, unit=cast.unit_b), cast, "pass", [])
    page = reverse("evaluation:referrals", args=[team.pk])
    body = login(cast.inspector).get(page).content.decode()
    assert failed.case.case_no in body and passed.case.case_no not in body
    assert "超期羁押十二日" in body
    refer = reverse("evaluation:result_refer", args=[failed.pk])
    assert login(cast.inspector).post(refer).status_code == 403
    assert login(cast.liaison_a).get(page).status_code == 403
    with pytest.raises(PermissionDenied):
        use.result_refer(result=failed, by=cast.team_lead)
    login(cast.office).post(refer)
    failed.refresh_from_db()
    assert failed.referred_at is not None
    entry = Entry.objects.filter(verb=Verb.RESULT_REFER).get()
    assert describe([entry]) == [f"将评查不合格的案件 {failed.case.case_no_norm} 移送检务督察"]
    sheet = _sheet(login(cast.office).get(reverse("evaluation:referrals_export", args=[team.pk])))
    assert any(failed.case.case_no in str(cell) for row in sheet for cell in row)
    # The 司法业绩档案: per prosecutor, with grades and problems; a liaison's own unit only.
    dossier = reverse("evaluation:dossier", args=[team.pk])
    rows = _sheet(login(cast.office).get(dossier, {"handler": cast.handler.person.staff_no}))
    (row,) = [r for r in rows if r[3] == failed.case.case_no]
    assert row[0] == cast.handler.person.staff_no and row[6] == "不合格" and "超期羁押" in row[9]
    assert not any(r[3] == passed.case.case_no for r in rows)  # another prosecutor's
    unit_b = _sheet(login(cast.liaison_b).get(dossier))
    assert not any(r[3] == failed.case.case_no for r in unit_b)
    exports = Entry.objects.filter(verb=Verb.EXPORT).values_list("payload", flat=True)
    assert sum('"dossier"' in p for p in exports) == 2 and any('"referrals"' in p for p in exports)


def _sheet(response) -> list[tuple]:
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return list(book.active.iter_rows(values_only=True))


def test_a_refused_objection_keeps_the_grade_and_the_findings(team, cast):  # noqa: F811
    from guifan.evaluation import objections, workflow
    from guifan.rectification.models import Item

    from .test_forms import _save

    task = _single(team, cast)
    type(task.case).objects.filter(pk=task.case_id).update(handler=cast.handler.person)
    form = workflow.form_for(task)
    form.findings.all().delete()
    form = _save(form, None)
    workflow.form_submit(form=form, by=None)
    with frozen_at(_at(2016, 3, 25)):
        workflow.form_approve(form=form, by=None)
    with frozen_at(_at(2016, 3, 28)):
        objections.form_object(form=form, by=cast.handler, reason="录像中断系设备故障")
        objections.objection_decide(form=form, by=cast.office, grade="flawed",
                                    decision="异议不成立：未附设备故障的记录")  # fmt: skip
    form.refresh_from_db()
    assert (form.status, form.final_grade) == ("final", "flawed")
    finding = form.findings.get()
    assert finding.withdrawn_at is None  # the finding stands
    assert Item.objects.filter(finding=finding).exists()  # and goes to the 整改清单
    result = CaseResult.objects.get(campaign=team, case=task.case)
    assert (result.status, result.proposed_grade) == (ResultStatus.EXPLANATION, "flawed")
