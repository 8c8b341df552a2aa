from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from guifan.accounts.models import User
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.web.todos import Todo, todo_provider


@todo_provider
def account_todos(user):
    scope = scope_of(user)
    items = []
    if scope.has(Role.SYSADMIN):
        locked = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
        if locked.exists():
            items.append(
                Todo(
                    _("账号安全"),
                    _("%(n)d 个账号因连续登录失败被锁定") % {"n": locked.count()},
                    reverse("accounts:account_list"),
                    source=_("账号管理"),
                )
            )
    if scope.has(Role.SECADMIN):
        bare = (
            User.objects.filter(is_active=True).annotate(n=Count("role_grants")).filter(n=0).count()
        )
        if bare:
            items.append(
                Todo(
                    _("角色授权"),
                    _("%(n)d 个启用账号尚未分配角色") % {"n": bare},
                    reverse("accounts:grant_list"),
                    source=_("角色授权"),
                )
            )
    return items
