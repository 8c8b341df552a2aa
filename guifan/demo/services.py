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


DEMO_ACCOUNTS = (
    DemoAccount("office", Role.OFFICE, CITY_CODE, "anguan"),
    DemoAccount("inspector", Role.INSPECTION, CITY_CODE, "jijian"),
    DemoAccount("liaison", Role.LIAISON, "980102", "anguan"),
    DemoAccount("liaison2", Role.LIAISON, "980103", "anguan"),
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
    world = world or DemoWorld()
    created_org = not Unit.objects.filter(code=CITY_CODE).exists()
    if created_org:
        progress("正在创建组织机构与人员……")
        _load_org(world)
    created_cases = 0
    if not Case.objects.filter(unit__code=CITY_CODE).exists() and cases > 0:
        created_cases = load_cases(world, cases, progress)
    _ensure_accounts(progress)
    _ensure_campaign(progress)
    _ensure_knowledge(progress)
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
            department=depts[p.unit_code, p.department],
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
    people = Person.objects.filter(unit__code=spec.unit_code, department__line=spec.line)
    if spec.pooled:
        people = people.filter(pool_memberships__active=True)
    if spec.role == Role.HANDLER:
        people = people.filter(is_quota_prosecutor=True)
    person = people.order_by("staff_no").first()
    if person is None:
        raise RuntimeError(f"demo world has no person for account {spec.username}")
    return person


def _ensure_knowledge(progress: Progress) -> None:
    """The knowledge base: the seed notice and the law texts from the configured folders
    (../shared in development; input data, never part of the project), and the campaign.
    Files already loaded are skipped by their digest, so a second start costs nothing."""
    from django.conf import settings

    from guifan.knowledge.index import index_sync
    from guifan.knowledge.services import knowledge_load

    folders = [p for p in (settings.GUIFAN_KB_NOTICES_DIR, settings.GUIFAN_LAWS_DIR) if p.is_dir()]
    if not folders:
        progress(
            "未找到法律法规和通知文件目录（GUIFAN_LAWS_DIR、GUIFAN_KB_NOTICES_DIR），知识库只含本系统规则。"
        )
    report = knowledge_load(paths=folders)
    index_sync()
    if report.added or report.replaced:
        progress(f"知识库已载入 {len(report.added) + len(report.replaced)} 个文档。")


def _ensure_accounts(progress: Progress) -> None:
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
            user.password_changed_at = clock.now()
            user.save()
            if not RoleGrant.objects.filter(user=user, role=spec.role).exists():
                unit = Unit.objects.get(code=spec.unit_code) if spec.unit_code else None
                account_services.role_grant(by=None, user=user, role=spec.role, unit=unit)
        axes_reset(username=spec.username)
    progress("演示账号已就绪。")


# (heading, problem category index 0-7, finding, who is responsible, measure), written for
# the demo after the kinds of problems the seed's campaign names.
SELF_EXAM_FINDINGS = (
    (
        "制度执行",
        1,
        "个别讯问职务犯罪嫌疑人未做到全程同步录音录像，录像开始晚于讯问",
        "反贪污贿赂局",
        "重申同录规定，技术部门逐次核对录像起止时间",
    ),
    (
        "内控机制",
        2,
        "律师阅卷申请未在三个工作日内安排，未书面说明理由",
        "案件管理中心",
        "建立律师申请台账，到期前一日提醒",
    ),
    (
        "内部监督",
        3,
        "扣押款物未在三日内移交保管部门",
        "反渎职侵权局",
        "涉案财物统一管理，逾期由案管中心督办",
    ),
    (
        "思想教育",
        0,
        "接待来访群众态度生硬，被群众反映",
        "控告申诉检察科",
        "开展文明接待专题教育，落实首问负责",
    ),
    ("制度执行", 4, "为完成考核指标，年底集中结案", "公诉科", "调整考核办法，按月通报结案均衡度"),
    (
        "内部监督",
        6,
        "内部人员过问案件未按规定登记",
        "纪检组（监察室）",
        "落实过问案件记录制度，每季度报告，含零报告",
    ),
    ("内控机制", 1, "指定居所监视居住未每两个月审查必要性", "反贪污贿赂局", "建立指居案件审查提醒"),
    ("思想教育", 7, "个别干警接受案件当事人宴请", "政治处", "开展警示教育，纳入年度考评"),
)


def _ensure_campaign(progress: Progress) -> None:
    """The seed's 2016 look-back campaign, started on 3月14日 and part-way done by its end."""
    from datetime import date, datetime

    from django.utils import timezone

    from guifan.campaigns import reports
    from guifan.campaigns import services as campaigns
    from guifan.campaigns.models import Campaign, UnitTask
    from guifan.demo.draws import ensure_assignment, ensure_draws, ensure_forms, march_2016
    from guifan.demo.rectification import ensure_rectification

    existing = Campaign.objects.order_by("pk").first()
    if existing is not None:  # an earlier run may have stopped before its draws
        ensure_draws(existing)
        ensure_assignment(existing)
        ensure_forms(existing)
        ensure_rectification(existing)
        return
    city = Unit.objects.get(code=CITY_CODE)

    at = march_2016

    with at(10):
        campaign = campaigns.campaign_create_from_template(
            template="look_back", year=2016, issuing_unit=city
        )
    with at(14, 9):
        campaigns.campaign_start(campaign=campaign)
    # Most units report self-examination and plans on time, fewer the final report; the
    # office chases up those still missing on 4月1日.
    tasks = UnitTask.objects.select_related("track", "unit").order_by(
        "unit__path", "track__position"
    )
    for index, task in enumerate(tasks):
        share = {"self_exam": 9, "mechanism": 7, "evaluation": 5, "report": 4}[task.track.kind]
        if (index * 7) % 11 >= share:
            continue
        with at(18 + (index * 3) % 13, 9 + index % 8):
            if task.track.kind == "report":
                report = reports.report_save(
                    report=reports.report_for(campaign=campaign, unit=task.unit),
                    by=None,
                    body=f"{task.unit.name}关于开展规范司法行为专项整治“回头看”活动的情况报告……",
                )
                reports.report_submit(report=report, by=None)
            else:
                campaigns.task_submit(task=task)
    headings = {i.label: i for i in campaign.checklist.filter(kind="heading")}
    categories = list(campaign.checklist.filter(kind="category"))
    units = [p.unit for p in campaign.participants.select_related("unit").order_by("unit__path")]
    for index, (heading, category, text, who, measure) in enumerate(SELF_EXAM_FINDINGS):
        unit = units[(index * 3 + 1) % len(units)]  # 临江, the demo liaison's unit, first
        with at(16 + index % 10, 15):
            campaigns.problem_record(
                campaign=campaign,
                unit=unit,
                by=None,
                heading=headings[heading],
                category=categories[category],
                description=text,
                responsible=who,
                measure=measure,
                deadline=date(2016, 5, 31),
            )
    # The public's complaint behind the finding about rude reception, linked to it.
    from guifan.complaints.services import complaint_register

    finding = campaign.problems.get(description__startswith="接待来访群众态度生硬")
    with at(17, 11):
        complaint_register(
            by=None,
            unit=finding.unit,
            campaign=campaign,
            problem=finding,
            received_on=date(2016, 3, 2),
            channel="visit",
            complainant="",
            about="控告申诉检察科接待人员",
            content="来访反映申诉材料被推诿不收，接待人员态度生硬",
        )
    progress("正在按抽取规则完成演示抽取（冻结抽样框、承诺、揭示）……")
    ensure_draws(campaign)
    progress("正在分配评查任务……")
    ensure_assignment(campaign)
    ensure_forms(campaign)
    with clock.frozen_at(timezone.make_aware(datetime(2016, 4, 1, 9))):
        campaigns.campaign_chase_up(campaign=campaign)
    progress("正在办理整改清单和群众反映……")
    ensure_rectification(campaign)
    progress("演示活动“2016年规范司法行为专项整治‘回头看’”已就绪。")


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
                "who": f"{person.unit.short_name} {person.name}" if person else "—",
            }
        )
    return rows
