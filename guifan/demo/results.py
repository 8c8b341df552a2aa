"""The demo's case-level conclusions on 3月25日: the 重点评查 cases whose two forms are fixed
were deliberated on 3月22日, the evaluation groups heard most handlers on 3月23日, and the
案件评查委员会 met on 3月24日 to 审定 a part of them — so the office finds results in every
state, and no case has two final grades."""

from __future__ import annotations

from datetime import date

from guifan.campaigns.models import Campaign
from guifan.demo.campaign import at
from guifan.evaluation import results
from guifan.evaluation.models import CaseResult, ResultStatus

ORDER = ("pass", "excellent", "flawed", "basic", "fail")  # the gravest grade wins the 合议
EXPLANATIONS = (
    "承办人对评查意见无异议，表示将在今后办案中注意改进",
    "承办人说明：讯问录像中断系设备故障，已在卷内附情况说明",
    "承办人说明：扣押款物移交延迟系案管部门保管场所调整所致",
    "承办人未作说明",
)


def _actor(result: CaseResult, office, lead):
    return lead if results.may_deliberate(lead, result) else office


def ensure_results(campaign: Campaign, office, lead) -> None:
    rows = CaseResult.objects.filter(campaign=campaign).select_related("case", "campaign")
    for n, result in enumerate(rows.filter(status=ResultStatus.DELIBERATION).order_by("pk")):
        grades = sorted({f.final_grade for f in results.forms_of(result)}, key=ORDER.index)
        grade = grades[-1]
        dissent = "" if len(grades) == 1 else f"另一名评查人员认为应评为{_label(grades[0])}"
        with at(22, 15, n % 60):
            results.result_deliberate(
                result=result, by=_actor(result, office, lead), grade=grade, dissent=dissent,
                participants="评查组长及两名评查人员", opinion=f"经合议，评为{_label(grade)}",
            )  # fmt: skip
    waiting = list(rows.filter(status=ResultStatus.EXPLANATION).order_by("pk"))
    for n, result in enumerate(waiting[: len(waiting) * 2 // 3]):
        with at(23, 10, n % 60):
            results.result_explain(
                result=result, by=_actor(result, office, lead),
                explanation=EXPLANATIONS[n % len(EXPLANATIONS)], heard_on=date(2016, 3, 23),
            )  # fmt: skip
    heard = list(rows.filter(status=ResultStatus.APPROVAL).order_by("pk"))
    for n, result in enumerate(heard[: len(heard) // 2]):
        if results.forms_of(result).filter(assignment__evaluator_id=office.person_id).exists():
            continue  # the office's own evaluations go to another 审定人
        grade = result.proposed_grade
        changed = results.is_recheck(result) and result.original_grade not in ("", grade)
        reason = "2015年评查未发现本次评查指出的问题，依据本次评查意见改变原等次"
        with at(24, 15, n % 60):
            results.result_approve(
                result=result, by=office, body="committee", grade=grade,
                opinion="经案件评查委员会审议，同意评查意见",
                outcome_reason=reason if changed else "",
            )  # fmt: skip


def _label(grade: str) -> str:
    from guifan.cases.models import Grade

    return str(dict(Grade.choices)[grade])
