"""案件评查回头看 as a unit's task: reported only when the evaluations of the unit's drawn
cases are done (each form at least submitted for review), or with a statement of why not.
Registered with campaigns.hooks (the campaigns app does not import evaluation)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from guifan.evaluation.models import Assignment
from guifan.evaluation.models.forms import EDITABLE


def evaluation_task_check(task, statement: str) -> str:
    assignments = Assignment.objects.filter(
        campaign_id=task.track.campaign_id, case__unit_id=task.unit_id
    )
    total = assignments.count()
    done = assignments.filter(form__isnull=False).exclude(form__status__in=EDITABLE).count()
    if total and done < total and not statement:
        return _(
            "案件评查回头看尚有 %(open)d 件评查任务未完成（共 %(total)d 件）："
            "请完成后再报送，或在报送说明中写明未完成的原因。"
        ) % {"open": total - done, "total": total}
    return ""
