"""Traffic lights for deadlines (GOV-IT-EXPECTATIONS.md §3.8)."""

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _


class Light(models.TextChoices):
    GREEN = "green", _("正常")
    YELLOW = "yellow", _("临期")
    RED = "red", _("超期")


def light_for(deadline: date | None, today: date, warning_days: int) -> Light:
    """Green until ``warning_days`` before the deadline, yellow until it passes, then red."""
    if deadline is None:
        return Light.GREEN
    remaining = (deadline - today).days
    if remaining < 0:
        return Light.RED
    if remaining <= warning_days:
        return Light.YELLOW
    return Light.GREEN
