"""临期预警 on the handler's 工作台: their open cases whose period ends soon or has ended."""

from django.urls import reverse
from django.utils.translation import gettext as _

from guifan.core.roles import Role
from guifan.core.scoping import scope_of
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
