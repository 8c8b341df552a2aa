from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "guifan.campaigns"
    label = "campaigns"
    verbose_name = _("专项活动")
