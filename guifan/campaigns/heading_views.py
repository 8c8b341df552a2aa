"""The self-examination task's record per heading (查遗补缺记录) on the task page: shown to
whoever sees the task, written by the liaison of its unit or department."""

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guifan.campaigns import headings
from guifan.campaigns.access import access_task
from guifan.campaigns.models import ChecklistItem, HeadingRecord, TrackKind, UnitTask
from guifan.core.decorators import role_required
from guifan.core.roles import Role
from guifan.web.actions import run_service


@dataclass
class HeadingRow:
    heading: ChecklistItem
    record: HeadingRecord | None
    problems: int | None  # registered under the heading (None for a department)


def heading_rows(task: UnitTask) -> list[HeadingRow]:
    campaign = task.track.campaign
    keys = {"campaign": campaign, "unit_id": task.unit_id, "department_id": task.department_id}
    done = headings.records_of(**keys)
    found = headings.problems_under(**keys)
    return [
        HeadingRow(h, done.get(h.pk), None if task.department_id else found.get(h.pk, 0))
        for h in headings.headings_of(campaign)
    ]


@require_POST
@role_required(Role.LIAISON, Role.DEPT_LIAISON)
def heading_record(request, task_id: int):
    task = access_task(request.user, task_id)
    if task.track.kind != TrackKind.SELF_EXAM:
        raise Http404
    raw = request.POST.get("heading", "")
    found = headings.headings_of(task.track.campaign)
    heading = found.filter(pk=raw).first() if raw.isdigit() else None
    if heading is None:
        raise Http404
    run_service(
        request,
        lambda: headings.heading_record_save(
            task=task,
            heading=heading,
            by=request.user,
            examined=request.POST.get("examined", ""),
            findings=request.POST.get("findings", ""),
            none_reason=request.POST.get("none_reason", ""),
        ),
        _("已保存“%(h)s”的查遗补缺记录。") % {"h": heading.label},
    )
    return redirect("campaigns:task_detail", task_id=task.pk)
