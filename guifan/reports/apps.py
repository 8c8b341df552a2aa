from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "guifan.reports"
    label = "reports"
    verbose_name = "统计与报告"
