"""Loading the synthetic procuratorate into the database (idempotent)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from axes.utils import reset as axes_reset
from django.db import transaction

from guifan.accounts import services as account_services
from guifan.accounts.models import RoleGrant, User
from guifan.cases.models import Case
from guifan.core import clock
from guifan.core.roles import Role
from guifan.demo.generator import DemoWorld
from guifan.demo.knowledge import ensure_knowledge
from guifan.demo.loading import load_cases
from guifan.journal.services import record
from guifan.journal.verbs import Verb
from guifan.org.models import Department, Person, Specialty, TalentPoolMember, Unit

DEMO_PASSWORD = "Guifan@2026"
CITY_CODE = "980100"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role
    unit_code: str | None  # where the person comes from and the role applies
    line: str | None  # department line of the person to pick, None for administrators
    pooled: bool = False  # pick a talent-pool member
    department: bool = False  # the role applies to the person's department only


DEMO_ACCOUNTS = (
    DemoAccount("office", Role.OFFICE, CITY_CODE, "anguan"),
    DemoAccount("inspector", Role.INSPECTION, CITY_CODE, "jijian"),
    DemoAccount("liaison", Role.LIAISON, "980102", "anguan"),
    DemoAccount("liaison2", Role.LIAISON, "980103", "anguan"),
    # The 市院 公诉处's own liaison: sees and reports that department's tasks only.
    DemoAccount("deptliaison", Role.DEPT_LIAISON, CITY_CODE, "gongsu", department=True),
    DemoAccount("evaluator", Role.EVALUATOR, "980104", "gongsu", pooled=True),
    DemoAccount("teamlead", Role.TEAM_LEAD, CITY_CODE, "gongsu", pooled=True),
    DemoAccount("handler", Role.HANDLER, "980102", "gongsu"),
    DemoAccount("sysadmin", Role.SYSADMIN, None, None),
    DemoAccount("secadmin", Role.SECADMIN, None, None),
    DemoAccount("auditadmin", Role.AUDITADMIN, None, None),
)


@dataclass
class DemoReport:
    units: int
    people: int
    cases: int
    created_org: bool
    created_cases: int


Progress = Callable[[str], None]


def demo_load(
    *, cases: int, world: DemoWorld | None = None, progress: Progress = lambda _: None
) -> DemoReport:
    """Create the demo organisation, cases and accounts unless they already exist."""
    world = world or DemoWorld(cases=max(cases, 1))
    created_org = not Unit.objects.filter(code=CITY_CODE).exists()
    if created_org:
        progress("正在创建组织机构与人员……")
        _load_org(world)
    created_cases = 0
    if not Case.objects.filter(unit__code=CITY_CODE).exists() and cases > 0:
        created_cases = load_cases(world, cases, progress)
    from guifan.demo.campaign import at

    changed = clock.now()  # the published password is set now; the accounts are older
    with at(1, 9):
        _ensure_accounts(progress, password_changed_at=changed)
    _ensure_inquiries(world, progress)
    _ensure_campaign(world, progress)
    if created_cases:
        from guifan.checks.services import checks_run

        progress("正在逐案检查全部案件……")
        with at(25, 8):  # the world's morning: its data runs to the evening before
            checks_run(by=None, unit=Unit.objects.get(code=CITY_CODE))
    ensure_knowledge(progress)
    report = DemoReport(
        Unit.objects.count(),
        Person.objects.count(),
        Case.objects.count(),
        created_org,
        created_cases,
    )
    if created_org or created_cases:
        record(
            actor=None,
            verb=Verb.DEMO_LOAD,
            target=("demo.world", str(world.seed), "演示数据"),
            payload={
                "units": report.units,
                "people": report.people,
                "cases_created": created_cases,
            },
        )
    return report


@transaction.atomic
def _load_org(world: DemoWorld) -> None:
    units: dict[str, Unit] = {}
    for row in world.units:  # parents come first
        units[row.code] = Unit.objects.create(
            code=row.code,
            name=row.name,
            short_name=row.short_name,
            tier=row.tier,
            parent=units.get(row.parent_code) if row.parent_code else None,
        )
    Department.objects.bulk_create(
        Department(unit=units[d.unit_code], name=d.name, line=d.line, case_code=d.case_code)
        for d in world.departments
    )
    depts = {(d.unit.code, d.name): d for d in Department.objects.select_related("unit")}
    Person.objects.bulk_create(
        Person(
            staff_no=p.staff_no,
            name=p.name,
            unit=units[p.unit_code],
            department=depts.get((p.unit_code, p.department)),  # none for the 院领导
            title=p.title,
            is_quota_prosecutor=p.is_quota_prosecutor,
        )
        for p in world.people
    )
    people = dict(Person.objects.values_list("staff_no", "pk"))
    Specialty.objects.bulk_create(
        Specialty(person_id=people[p.staff_no], line=line)
        for p in world.people
        for line in p.specialties
    )
    TalentPoolMember.objects.bulk_create(
        TalentPoolMember(
            pool_unit=units[CITY_CODE],
            person_id=people[m.staff_no],
            line=m.line,
            joined_on=m.joined_on,
        )
        for m in world.pool
    )


def _pick_person(spec: DemoAccount) -> Person | None:
    if spec.unit_code is None:
        return None
    people = Person.objects.filter(
        unit__code=spec.unit_code, department__line=spec.line, account__isnull=True
    )
    if spec.pooled:
        people = people.filter(pool_memberships__active=True)
    if spec.role == Role.HANDLER:
        people = people.filter(is_quota_prosecutor=True)
    person = people.order_by("staff_no").first()
    if person is None:
        raise RuntimeError(f"demo world has no person for account {spec.username}")
    return person


def _ensure_accounts(progress: Progress, *, password_changed_at) -> None:
    """Every demo account exists, holds its role and has the published demo password."""
    for spec in DEMO_ACCOUNTS:
        with transaction.atomic():
            user = User.objects.filter(username=spec.username).first()
            if user is None:
                user, _ = account_services.account_create(
                    by=None, username=spec.username, person=_pick_person(spec)
                )
            user.set_password(DEMO_PASSWORD)
            user.is_demo, user.is_active, user.must_change_password = True, True, False
            user.password_changed_at = password_changed_at
            user.save()
            if not RoleGrant.objects.filter(user=user, role=spec.role).exists():
                unit = Unit.objects.get(code=spec.unit_code) if spec.unit_code else None
                department = user.person.department if spec.department else None
                account_services.role_grant(
                    by=None, user=user, role=spec.role, unit=unit, department=department
                )
        axes_reset(username=spec.username)
    progress("演示账号已就绪。")


def _ensure_inquiries(world: DemoWorld, progress: Progress) -> None:
    """2015's quarterly reports of 过问案件 and the 立即报告 taken in, before the campaign."""
    from guifan.demo.inquiry_reports import ensure_inquiry_reports, ensure_receipts

    progress("正在报送各单位 2015 年过问案件情况季度报告……")
    ensure_receipts()
    ensure_inquiry_reports(world.seed)


def _ensure_campaign(world: DemoWorld, progress: Progress) -> None:
    """The seed's 2016 look-back campaign as it stands on the world's date."""
    from guifan.campaigns.models import Campaign
    from guifan.cases.services import import_dir
    from guifan.demo import campaign as content
    from guifan.demo import departments
    from guifan.demo.baseline import ensure_baseline
    from guifan.demo.draws import ensure_assignment, ensure_draws
    from guifan.demo.forms import ensure_forms
    from guifan.demo.rectification import ensure_rectification

    campaign = Campaign.objects.order_by("pk").first()
    if campaign is None:
        progress("正在导入 2015 年整改台账和群众反映……")
        ensure_baseline(world, import_dir() / "demo-baseline")
        campaign = content.create_and_start()
        progress("正在登记各单位查遗补缺问题和机制建设计划……")
        content.record_self_examination(campaign, world.seed)
        departments.record_headings(campaign)
        content.register_plans(campaign, world.seed)
        content.register_norms(campaign)
    progress("正在按抽取规则完成演示抽取（冻结抽样框、承诺、揭示）……")
    ensure_draws(campaign)
    progress("正在分配评查任务……")
    ensure_assignment(campaign)
    progress("正在填写演示评查登记表……")
    ensure_forms(campaign, world.seed)
    progress("正在办理整改清单和群众反映……")
    if not campaign.reports.exists():  # resumed runs skip what an earlier run did
        ensure_rectification(campaign)
        content.submit_tracks(campaign)
        departments.submit_departments(campaign)
        content.write_reports(campaign)
        content.chase_up(campaign)
    progress("演示活动“2016年规范司法行为专项整治‘回头看’”已就绪。")


def _who(person: Person | None, spec: DemoAccount) -> str:
    if person is None:
        return "—"
    department = person.department.name if spec.department and person.department else ""
    return f"{person.unit.short_name}{department} {person.name}"


def demo_logins() -> list[dict]:
    """The accounts to print after the demo starts."""
    rows = []
    for spec in DEMO_ACCOUNTS:
        user = User.objects.select_related("person__unit").get(username=spec.username)
        person = user.person
        rows.append(
            {
                "role": str(spec.role.label),
                "username": spec.username,
                "password": DEMO_PASSWORD,
                "who": _who(person, spec),
            }
        )
    return rows
