"""临期预警 on the 工作台: the handler's own open cases whose period ends soon or has ended
and the 流程监控通知书 awaiting their reply; for a unit's liaison and the office over it, the
unit's 临期 and 超期 cases counted per unit."""

from django.urls import reverse
from django.utils.translation import gettext as _

from guifan.core import clock
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.org.models import Unit
from guifan.web.todos import Todo, todo_provider


@todo_provider
def due_cases(user):
    scope = scope_of(user)
    if not scope.has(Role.HANDLER) or not scope.person_id:
        return []
    from guifan.checks.selectors import due_list

    return [
        Todo(
            _("临期预警"),
            _("%(case)s %(period)s %(when)s届满")
            % {
                "case": row["case"].case_no,
                "period": row["due"].period,
                "when": row["due"].deadline.isoformat(),
            },
            reverse("cases:detail", args=[row["case"].pk]),
            source=_("流程监控"),
            deadline=row["due"].deadline,
        )
        for row in due_list(user=user)
        if row["case"].handler_id == scope.person_id
    ]


@todo_provider
def notices_to_reply(user):
    scope = scope_of(user)
    if not scope.has(Role.HANDLER) or not scope.person_id:
        return []
    from guifan.checks.models import MonitorNotice

    waiting = MonitorNotice.objects.filter(handler_id=scope.person_id, replied_at__isnull=True)
    return [
        Todo(
            _("流程监控通知书"),
            _("回复%(case)s的流程监控通知书") % {"case": notice.case.case_no},
            reverse("checks:notice", args=[notice.pk]),
            source=_("流程监控"),
            deadline=notice.reply_by,
        )
        for notice in waiting.select_related("case")
    ]


@todo_provider
def unit_due_cases(user):
    """A unit's liaison, and the office over it, see the unit's 临期 and 超期 cases as the
    worker last counted them (the 工作台 does not read the case table)."""
    scope = scope_of(user)
    top = scope.units_for(Role.LIAISON) | scope.oversight_unit_ids & scope.units_for(Role.OFFICE)
    if not top:
        return []
    from guifan.checks.models import DueTally

    tallies = list(DueTally.objects.select_related("unit"))
    if not tallies:
        return []
    out = []
    for unit in Unit.objects.filter(pk__in=top).order_by("path"):
        mine = [t for t in tallies if t.unit.path.startswith(unit.path)]
        if not mine:
            continue
        as_of = min(t.as_of for t in mine)
        text = _("%(unit)s临期案件 %(near)s 件、超期案件 %(overdue)s 件") % {
            "unit": unit.short_name,
            "near": sum(t.near for t in mine),
            "overdue": sum(t.overdue for t in mine),
        }
        if as_of != clock.today():
            text += _("（%(date)s 统计）") % {"date": as_of.isoformat()}
        url = reverse("checks:monitor") + f"?unit={unit.code}"
        out.append(Todo(_("临期预警"), text, url, source=_("流程监控")))
    return out
