from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "guifan.web"
    label = "web"
    verbose_name = _("界面")

    def ready(self) -> None:
        # Each app may contribute 待办 items in its own todos.py.
        autodiscover_modules("todos")
