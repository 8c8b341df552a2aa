from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChecksConfig(AppConfig):
    name = "guifan.checks"
    label = "checks"
    verbose_name = _("智能辅助评查")

    def ready(self) -> None:
        from guifan.checks import hooks, todos  # noqa: F401  (they register)
