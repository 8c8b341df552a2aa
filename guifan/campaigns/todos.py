from django.urls import reverse
from django.utils.translation import gettext as _

from guifan.campaigns.selectors import open_tasks_of
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.web.todos import Todo, todo_provider


@todo_provider
def office_todos(user):
    """Reports waiting for the office's decision, per campaign."""
    from django.db.models import Count

    from guifan.campaigns.models import Report, ReportStatus

    if not scope_of(user).has(Role.OFFICE):
        return []
    waiting = (
        Report.objects.visible_to(user)
        .filter(
            status=ReportStatus.SUBMITTED,
            campaign__issuing_unit__in=scope_of(user).units_for(Role.OFFICE),
        )
        .values("campaign_id", "campaign__name", "campaign__report_deadline")
        .annotate(n=Count("pk"))
        .order_by("campaign_id")
    )
    return [
        Todo(
            _("专项活动"),
            _("%(n)d 份开展情况报告待审核") % {"n": row["n"]},
            reverse("campaigns:reports", args=[row["campaign_id"]]),
            source=row["campaign__name"],
        )
        for row in waiting
    ]


@todo_provider
def campaign_todos(user):
    if not scope_of(user).has(Role.LIAISON, Role.DEPT_LIAISON):
        return []
    items = []
    for task in open_tasks_of(user=user):
        chased = _("（已被催办 %(n)d 次）") % {"n": task.chase_count} if task.chase_count else ""
        items.append(
            Todo(
                _("专项活动"),
                f"{task.track.name}：{task.track.task}{chased}",
                reverse("campaigns:detail", args=[task.track.campaign_id]),
                source=task.track.campaign.name,
                deadline=task.deadline,
            )
        )
    return items
