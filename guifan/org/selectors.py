"""Reads of the organisation, scoped to the acting user."""

from django.db.models import Count, QuerySet

from guifan.org.models import Person, TalentPoolMember, Unit


def org_summary(*, user) -> dict:
    return {
        "units": Unit.objects.visible_to(user).count(),
        "people": Person.objects.visible_to(user).count(),
        "pool": TalentPoolMember.objects.visible_to(user).filter(active=True).count(),
    }


def unit_list(*, user) -> QuerySet[Unit]:
    return (
        Unit.objects.visible_to(user)
        .select_related("parent")
        .annotate(people_count=Count("people", distinct=True))
        .order_by("path")
    )


def people_of_unit(*, user, unit: Unit) -> QuerySet[Person]:
    return (
        Person.objects.visible_to(user)
        .filter(unit=unit)
        .select_related("department")
        .prefetch_related("specialties")
        .order_by("department__line", "staff_no")
    )


def pool_list(*, user, line: str = "") -> QuerySet[TalentPoolMember]:
    members = (
        TalentPoolMember.objects.visible_to(user)
        .select_related("person__unit", "person__department", "pool_unit")
        .order_by("line", "person__unit__path", "person__staff_no")
    )
    return members.filter(line=line) if line else members
