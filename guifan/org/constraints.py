"""Constraints of models that belong to a unit or to one department of it."""

from django.db import models
from django.db.models import Q


def unique_per_unit_or_department(fields: list[str], name: str) -> list[models.UniqueConstraint]:
    """One row per ``fields`` for a whole unit (no department), and one per the same fields
    with ``unit`` read as ``department`` for a department of it."""
    department = ["department" if f == "unit" else f for f in fields]
    return [
        models.UniqueConstraint(fields=fields, condition=Q(department__isnull=True), name=name),
        models.UniqueConstraint(
            fields=department, condition=Q(department__isnull=False), name=f"{name}_department"
        ),
    ]
