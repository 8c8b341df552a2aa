"""Using the results (RULES-AND-PROCESS §1.8): the 司法业绩档案 entries per prosecutor (the
cases of theirs that were evaluated, their final grades and the problems that stand) and
the list of 不合格 cases handed to 检务督察 to pursue 司法责任. Both read final results only,
through ``CaseResult.objects.visible_to``; handing a case over is journaled, and so is every
export (``core.exports.journal_export``)."""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from guifan.campaigns.models import Campaign
from guifan.cases.models import Grade
from guifan.core import clock
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.evaluation.models import CaseResult, Finding, ResultStatus
from guifan.journal.services import record
from guifan.journal.verbs import Verb


def final_results(*, user, campaign: Campaign) -> QuerySet[CaseResult]:
    return (
        CaseResult.objects.visible_to(user)
        .filter(campaign=campaign, status=ResultStatus.FINAL)
        .select_related("case__unit", "case__handler", "campaign")
        .order_by("case__handler__staff_no", "case__case_no_norm")
    )


def problems_of(results) -> dict[tuple[int, int], list[str]]:
    """The findings that stand (not withdrawn), per (campaign, case), as one line each."""
    rows = Finding.objects.filter(
        form__assignment__campaign_id__in={r.campaign_id for r in results},
        form__assignment__case_id__in={r.case_id for r in results},
        withdrawn_at__isnull=True,
    ).values_list(
        "form__assignment__campaign_id",
        "form__assignment__case_id",
        "dimension",
        "description",
        "severity",
    )
    labels = dict(Finding._meta.get_field("severity").choices)
    found: dict[tuple[int, int], list[str]] = defaultdict(list)
    for campaign_id, case_id, dimension, description, severity in rows:
        found[(campaign_id, case_id)].append(f"{dimension}：{description}（{labels[severity]}）")
    return found


def dossier_rows(*, user, campaign: Campaign, staff_no: str = "") -> list[list]:
    """司法业绩档案: one row per evaluated case, grouped by its prosecutor (承办人)."""
    results = final_results(user=user, campaign=campaign)
    if staff_no:
        results = results.filter(case__handler__staff_no=staff_no)
    results = list(results)
    problems = problems_of(results)
    return [
        [
            r.case.handler.staff_no if r.case.handler_id else "",
            r.case.handler.name if r.case.handler_id else r.case.handler_name,
            r.case.unit.short_name,
            r.case.case_no,
            r.case.name,
            r.case.cause,
            r.get_final_grade_display(),
            r.approved_at.date() if r.approved_at else None,
            len(problems[(r.campaign_id, r.case_id)]),
            "\n".join(problems[(r.campaign_id, r.case_id)]) or _("未发现问题"),
        ]
        for r in results
    ]


def referrals(*, user, campaign: Campaign) -> list[CaseResult]:
    """The 不合格 cases (final), each with its problems, for 检务督察."""
    rows = list(final_results(user=user, campaign=campaign).filter(final_grade=Grade.FAIL))
    problems = problems_of(rows)
    for row in rows:
        row.problems = problems[(row.campaign_id, row.case_id)]
    return rows


@transaction.atomic
def result_refer(*, result: CaseResult, by) -> CaseResult:
    """The office hands a 不合格 case to 检务督察 (the discipline inspection of its unit)."""
    result = (
        CaseResult.objects.select_for_update().select_related("case", "campaign").get(pk=result.pk)
    )
    if by is not None and not scope_of(by).acts_as(Role.OFFICE, result.campaign.issuing_unit_id):
        raise PermissionDenied
    if result.status != ResultStatus.FINAL or result.final_grade != Grade.FAIL:
        raise ValidationError(_("只有审定为不合格的案件才移送检务督察。"))
    if result.referred_at is not None:
        raise ValidationError(_("该案件已移送检务督察。"))
    result.referred_at, result.referred_by = clock.now(), by
    result.save(update_fields=["referred_at", "referred_by"])
    payload = {"case": result.case.case_no_norm}
    record(actor=by, verb=Verb.RESULT_REFER, target=result, payload=payload)
    return result
