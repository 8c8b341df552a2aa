from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "guifan.complaints"
    label = "complaints"
    verbose_name = _("群众反映")

    def ready(self) -> None:
        from guifan.campaigns.hooks import on_campaign_start
        from guifan.cases.importing.specs import register
        from guifan.complaints.baseline import BASELINE_COMPLAINTS, complaints_adopt

        register(BASELINE_COMPLAINTS)
        on_campaign_start(complaints_adopt)
