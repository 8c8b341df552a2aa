"""待办 of the draw ceremony: commit, close commitments, reveal, enter the public value."""

from django.urls import reverse
from django.utils.translation import gettext as _

from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.draws.models import Draw, DrawStatus
from guifan.draws.services import PARTY_ROLES
from guifan.web.todos import Todo, todo_provider


@todo_provider
def ceremony_todos(user):
    scope = scope_of(user)
    if not scope.has(*PARTY_ROLES):
        return []
    todos = []
    draws = Draw.objects.visible_to(user).filter(
        status__in=(DrawStatus.COMMITTING, DrawStatus.REVEALING)
    )
    for draw in draws.select_related("rule__campaign").prefetch_related("commitments"):
        mine = next((c for c in draw.commitments.all() if c.user_id == user.pk), None)
        is_office = scope.acts_as(Role.OFFICE, draw.rule.campaign.issuing_unit_id)
        if draw.status == DrawStatus.COMMITTING and mine is None:
            title = _("%(rule)s：请提交承诺值")
        elif draw.status == DrawStatus.COMMITTING and is_office:
            title = _("%(rule)s：各方承诺后截止承诺")
        elif draw.status == DrawStatus.REVEALING and mine and mine.revealed_at is None:
            title = _("%(rule)s：请揭示密钥")
        elif draw.status == DrawStatus.REVEALING and is_office and draw.needs_public_value:
            title = _("%(rule)s：请录入公开随机值")
        else:
            continue
        todos.append(
            Todo(
                _("随机抽取"),
                title % {"rule": draw.rule.name},
                reverse("draws:detail", args=[draw.pk]),
                source=draw.rule.campaign.name,
            )
        )
    return todos
