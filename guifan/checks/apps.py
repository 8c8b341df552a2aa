from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChecksConfig(AppConfig):
    name = "guifan.checks"
    label = "checks"
    verbose_name = _("智能辅助评查")

    def ready(self) -> None:
        from guifan.cases.worker import JOBS
        from guifan.checks import hooks, todos  # noqa: F401  (they register)
        from guifan.checks.monitor import due_tallies_refresh

        # The worker's supervisor counts every unit's 临期 and 超期 cases for the 工作台.
        if due_tallies_refresh not in [job for _every, job in JOBS]:
            JOBS.append((600, due_tallies_refresh))
