"""factory_boy factories for tests across the apps."""

import datetime

import factory

from guifan.accounts.models import RoleGrant, User
from guifan.cases.models import Case, CaseStatus
from guifan.cases.numbers import normalise_case_no
from guifan.org.models import Department, Person, Tier, Unit


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{970000 + n:06d}")
    name = factory.LazyAttribute(lambda o: f"测试{o.code}人民检察院")
    short_name = factory.LazyAttribute(lambda o: f"测{o.code[-2:]}")
    tier = Tier.COUNTY


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    unit = factory.SubFactory(UnitFactory)
    name = factory.Sequence(lambda n: f"公诉科{n}")
    line = "gongsu"
    case_code = "公诉"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    staff_no = factory.Sequence(lambda n: f"P{n:07d}")
    name = factory.Sequence(lambda n: f"人员{n}")
    unit = factory.SubFactory(UnitFactory)
    is_quota_prosecutor = True


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "Passw0rd!x")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def grant(user: User, role: str, unit: Unit | None = None) -> RoleGrant:
    return RoleGrant.objects.create(user=user, role=role, unit=unit)


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    case_no = factory.Sequence(lambda n: f"测试检公诉受〔2015〕{n:04d}号")
    case_no_norm = factory.LazyAttribute(lambda o: normalise_case_no(o.case_no))
    name = factory.Sequence(lambda n: f"张某{n}盗窃案")
    category = "审查起诉(一审)"
    cause = "盗窃罪"
    unit = factory.SubFactory(UnitFactory)
    status = CaseStatus.CLOSED
    accept_date = datetime.date(2015, 3, 1)
    close_date = datetime.date(2015, 5, 1)
