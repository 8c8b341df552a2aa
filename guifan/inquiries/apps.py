from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InquiriesConfig(AppConfig):
    name = "guifan.inquiries"
    label = "inquiries"
    verbose_name = _("过问案件记录")

    def ready(self) -> None:
        # The import kind joins the case importer's registry; the 待办 join the 工作台.
        from guifan.cases.importing.specs import register
        from guifan.inquiries import draws, panels, todos  # noqa: F401
        from guifan.inquiries.importing import INQUIRIES

        register(INQUIRIES)
