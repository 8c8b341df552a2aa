"""The named people of the test suite: one of each role, in two counties under one city."""

from dataclasses import dataclass

from guifan.accounts.models import User
from guifan.core.roles import Role
from guifan.org.models import Tier, Unit
from guifan.testing.factories import PersonFactory, UnitFactory, UserFactory, grant

PASSWORD = "Passw0rd!x"


@dataclass
class Cast:
    province: Unit
    city: Unit
    unit_a: Unit
    unit_b: Unit
    office: User
    inspector: User
    liaison_a: User
    liaison_b: User
    evaluator: User
    team_lead: User
    handler: User
    sysadmin: User
    secadmin: User
    auditadmin: User


def _staff(username: str, unit: Unit, role: str, role_unit: Unit | None = None) -> User:
    person = PersonFactory(unit=unit, name=f"{username}姓名")
    user = UserFactory(username=username, person=person)
    grant(user, role, role_unit or unit)
    return user


def _admin(username: str, role: str) -> User:
    user = UserFactory(username=username)
    grant(user, role)
    return user


def make_cast() -> Cast:
    province = UnitFactory(
        code="970000", name="测试省人民检察院", short_name="测省", tier=Tier.PROVINCE
    )
    city = UnitFactory(
        code="970100", name="测试市人民检察院", short_name="测市", tier=Tier.CITY, parent=province
    )
    unit_a = UnitFactory(code="970102", name="甲区人民检察院", short_name="甲区", parent=city)
    unit_b = UnitFactory(code="970103", name="乙县人民检察院", short_name="乙县", parent=city)
    return Cast(
        province=province,
        city=city,
        unit_a=unit_a,
        unit_b=unit_b,
        office=_staff("office", city, Role.OFFICE),
        inspector=_staff("inspector", city, Role.INSPECTION),
        liaison_a=_staff("liaison_a", unit_a, Role.LIAISON),
        liaison_b=_staff("liaison_b", unit_b, Role.LIAISON),
        evaluator=_staff("evaluator", unit_b, Role.EVALUATOR),
        team_lead=_staff("team_lead", city, Role.TEAM_LEAD),
        handler=_staff("handler", unit_a, Role.HANDLER),
        sysadmin=_admin("sysadmin", Role.SYSADMIN),
        secadmin=_admin("secadmin", Role.SECADMIN),
        auditadmin=_admin("auditadmin", Role.AUDITADMIN),
    )
