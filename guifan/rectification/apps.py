from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RectificationConfig(AppConfig):
    name = "guifan.rectification"
    label = "rectification"
    verbose_name = _("整改")

    def ready(self) -> None:
        from guifan.campaigns.hooks import on_campaign_start
        from guifan.cases.importing.specs import register
        from guifan.rectification.baseline import BASELINE_ITEMS, baseline_adopt

        register(BASELINE_ITEMS)
        on_campaign_start(baseline_adopt)
