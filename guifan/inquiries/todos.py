"""The 待办 of the 三个规定: records to take in at once (立即报告), reports owed."""

from collections import defaultdict

from django.urls import reverse
from django.utils.translation import gettext as _

from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.inquiries.models import InquiryRecord
from guifan.inquiries.reports import owed, reporting_units
from guifan.web.todos import Todo, todo_provider

SOURCE = _("过问案件记录")


@todo_provider
def inquiry_todos(user):
    scope = scope_of(user)
    items = []
    if scope.has(Role.INSPECTION):
        waiting = (
            InquiryRecord.objects.visible_to(user)
            .filter(
                affected_case=True,
                received_at__isnull=True,
                unit__in=scope.units_for(Role.INSPECTION),
            )
            .select_related("case", "unit")
        )
        for item in waiting:
            items.append(
                Todo(
                    _("立即报告"),
                    _("%(unit)s %(case)s：过问已影响案件正常办理，请接收处理")
                    % {"unit": item.unit.short_name, "case": item.case.case_no},
                    reverse("inquiries:detail", args=[item.pk]),
                    source=SOURCE,
                    deadline=item.reported_on,
                )
            )
    overseen = scope.units_for(Role.OFFICE, Role.INSPECTION)
    if overseen:
        late = defaultdict(list)
        for due in owed(reporting_units().filter(pk__in=overseen)):
            if due.overdue:
                late[due.quarter].append(due.unit.short_name)
        for quarter, names in sorted(late.items()):
            items.append(
                Todo(
                    _("季度报告"),
                    _("%(q)s过问案件情况：%(n)d 个单位逾期未报告（%(names)s）")
                    % {"q": quarter.label, "n": len(names), "names": "、".join(names[:5])},
                    reverse("inquiries:reports"),
                    source=SOURCE,
                    deadline=quarter.deadline,
                )
            )
    own = scope.units_for(Role.LIAISON)
    if own:
        for due in owed(reporting_units().filter(pk__in=own)):
            items.append(
                Todo(
                    _("季度报告"),
                    _("报送%(unit)s%(q)s过问案件情况报告（没有情况的零报告）")
                    % {"unit": due.unit.short_name, "q": due.quarter.label},
                    reverse("inquiries:reports"),
                    source=SOURCE,
                    deadline=due.quarter.deadline,
                )
            )
    return items
