from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "guifan.core"
    label = "core"

    def ready(self) -> None:
        from django.core.signals import request_started

        from guifan.core.deadlines import forget_office_days

        # Each request reads the days the office added to the calendar afresh, once.
        request_started.connect(forget_office_days, dispatch_uid="guifan.office_days")
