from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "guifan.complaints"
    label = "complaints"
    verbose_name = _("群众反映")
