from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "guifan.evaluation"
    label = "evaluation"
    verbose_name = _("案件评查")

    def ready(self) -> None:
        from guifan.campaigns.hooks import on_task_submit
        from guifan.evaluation.track import evaluation_task_check

        on_task_submit("evaluation", evaluation_task_check)
