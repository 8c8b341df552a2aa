from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "guifan.knowledge"
    label = "knowledge"
    verbose_name = _("知识库")

    def ready(self) -> None:
        # Apps above this one hand their own answerable data to the knowledge base from a
        # kb_sources.py module (see registry.py); ours describes campaigns and the rubric.
        autodiscover_modules("kb_sources")
