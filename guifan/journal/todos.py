from django.urls import reverse
from django.utils.translation import gettext as _

from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.journal.models import Entry
from guifan.journal.verbs import Verb
from guifan.web.todos import Todo, todo_provider


@todo_provider
def audit_todos(user):
    if not scope_of(user).has(Role.AUDITADMIN):
        return []
    items = [
        Todo(
            _("审计"),
            _("校验审计日志链的完整性"),
            reverse("journal:entry_list"),
            source=_("审计日志"),
        )
    ]
    lockouts = Entry.objects.filter(verb=Verb.LOCKOUT).count()
    if lockouts:
        items.append(
            Todo(
                _("审计"),
                _("复核账号锁定事件（共 %(n)d 次）") % {"n": lockouts},
                reverse("journal:entry_list") + f"?verb={Verb.LOCKOUT.value}",
                source=_("审计日志"),
            )
        )
    return items
