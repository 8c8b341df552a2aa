from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "guifan.accounts"
    label = "accounts"
    verbose_name = _("账号与角色")

    def ready(self) -> None:
        # Security events come from Django and axes as signals; record them in the journal.
        from guifan.accounts import receivers  # noqa: F401
