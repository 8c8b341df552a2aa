from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "guifan.reports"
    label = "reports"
    verbose_name = "统计与报告"

    def ready(self) -> None:
        from guifan.campaigns.hooks import on_report_template
        from guifan.reports.unit_report import unit_report_template

        on_report_template(unit_report_template)
