"""Reads of the case registry, always through the user's scope."""

from django.db.models import Count

from guifan.cases.models import Case


def case_counts_by_unit(*, user, closed_year: int) -> list[dict]:
    """Cases closed in a year per unit, for the 工作台 chart."""
    return list(
        Case.objects.visible_to(user)
        .filter(close_date__year=closed_year)
        .values("unit__short_name", "unit__path")
        .annotate(total=Count("pk"))
        .order_by("unit__path")
    )
