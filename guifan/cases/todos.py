from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from guifan.cases.housekeeping import import_queue_stalled
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.web.todos import Todo, todo_provider


@todo_provider
def stalled_queue(user):
    """The office learns on its 工作台 that imports are waiting for a worker that is not there."""
    if not scope_of(user).has(Role.OFFICE):
        return []
    stalled = import_queue_stalled()
    if stalled is None:
        return []
    title = _("导入队列停滞：%(n)d 个导入排队超过 %(m)d 分钟，后台任务进程可能没有运行") % {
        "n": stalled.waiting,
        "m": settings.GUIFAN_QUEUE_STUCK_MINUTES,
    }
    return [Todo(_("系统"), title, reverse("cases:import"), source=_("数据导入"))]
