"""“各单位各部门”: the 市院's departments (and, as a campaign setting, the 基层院's) take part
with their own tasks and their own liaisons. A department liaison sees and reports its own
department's tasks and nothing else of the unit — scoping is security."""

from datetime import date
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from guifan.accounts.services import role_grant
from guifan.campaigns import headings, services
from guifan.campaigns.access import access_task
from guifan.campaigns.models import Campaign, SelfExamProblem, TaskStatus, UnitTask
from guifan.campaigns.selectors import campaign_progress
from guifan.campaigns.tests.conftest import fill_headings
from guifan.cases.models import Case
from guifan.core.roles import Role
from guifan.testing.factories import CaseFactory, DepartmentFactory, PersonFactory, UserFactory


@pytest.fixture
def departments(cast):
    """Two departments of the 市院 and one of 甲区."""
    return (
        DepartmentFactory(unit=cast.city, name="公诉处", line="gongsu"),
        DepartmentFactory(unit=cast.city, name="侦查监督处", line="zhenjian"),
        DepartmentFactory(unit=cast.unit_a, name="公诉科", line="gongsu"),
    )


def department_liaison(department, username):
    person = PersonFactory(unit=department.unit, department=department, name=f"{username}姓名")
    user = UserFactory(username=username, person=person)
    role_grant(
        by=None, user=user, role=Role.DEPT_LIAISON, unit=department.unit, department=department
    )
    return user


def started(cast, **options) -> Campaign:
    campaign = services.campaign_create_from_template(
        template="look_back", year=2016, issuing_unit=cast.city, by=cast.office, **options
    )
    services.campaign_start(campaign=campaign, by=cast.office)
    return campaign


def task_of(campaign, department) -> UnitTask:
    return UnitTask.objects.get(track__campaign=campaign, department=department)


def test_the_city_departments_get_their_own_self_examination_tasks(cast, departments):
    county = departments[2]
    campaign = started(cast)  # the look-back template: 市院 departments take part
    owed = UnitTask.objects.filter(track__campaign=campaign, department__isnull=False)
    assert sorted(owed.values_list("department__name", "track__kind")) == [
        ("侦查监督处", "self_exam"),
        ("公诉处", "self_exam"),
    ]
    assert UnitTask.objects.filter(department__isnull=True).count() == 3 * 4  # units as before
    everyone = started(cast, departments="all")
    assert task_of(everyone, county).unit == cast.unit_a
    nobody = started(cast, departments="none")
    assert not UnitTask.objects.filter(track__campaign=nobody, department__isnull=False).exists()
    with pytest.raises(ValidationError):
        started(cast, departments="some")


def test_a_department_liaison_sees_and_reports_only_its_department(cast, departments, login):
    prosecution, investigation, county = departments
    campaign = started(cast, departments="all")
    mine, theirs = task_of(campaign, prosecution), task_of(campaign, investigation)
    liaison = department_liaison(prosecution, "gongsu_liaison")
    # Only its own department's task: not the other department's, not the 市院's own, not
    # another unit's (its department's namesake in 甲区 included).
    assert list(UnitTask.objects.visible_to(liaison)) == [mine]
    city_own = UnitTask.objects.filter(unit=cast.city, department=None).first()
    for other in (theirs, task_of(campaign, county), city_own):
        with pytest.raises(Exception) as refused:
            access_task(liaison, other.pk)
        assert refused.typename == "Http404"
    # None of the unit's business data comes with the department grant.
    CaseFactory(unit=cast.city)
    SelfExamProblem.objects.create(
        campaign=campaign, unit=cast.city, heading=campaign.checklist.filter(kind="heading")[0],
        category=campaign.checklist.filter(kind="category")[0], description="市院的问题",
        responsible="办公室", measure="整改", deadline=date(2016, 5, 31),
    )  # fmt: skip
    assert not Case.objects.visible_to(liaison).exists()
    assert not SelfExamProblem.objects.visible_to(liaison).exists()
    # It cannot write or report for the other department.
    heading = headings.headings_of(campaign).first()
    with pytest.raises(PermissionDenied):
        headings.heading_record_save(
            task=theirs, heading=heading, by=liaison, examined="x", none_reason="y"
        )
    with pytest.raises(PermissionDenied):
        services.task_submit(task=theirs, by=liaison)
    client = login(liaison)
    assert client.get(reverse("campaigns:task_detail", args=[theirs.pk])).status_code == 404
    record = reverse("campaigns:heading_record", args=[theirs.pk])
    assert client.post(record, {"heading": heading.pk, "examined": "x"}).status_code == 404
    problems = client.get(reverse("campaigns:problems", args=[campaign.pk]))
    assert "市院的问题" not in problems.content.decode()
    api = client.get(f"/api/campaigns/{campaign.pk}/tasks").json()
    assert [(t["id"], t["department"]) for t in api] == [(mine.pk, "公诉处")]
    # Its own: every heading written (its problems in the record), then reported.
    with pytest.raises(ValidationError, match="尚未填写"):
        services.task_submit(task=mine, by=liaison)
    fill_headings(mine, liaison)
    headings.heading_record_save(
        task=mine, heading=heading, by=liaison, examined="抽查公诉案件二十件",
        findings="两件案件未在三日内告知诉讼权利",
    )  # fmt: skip
    assert services.task_submit(task=mine, by=liaison).status == TaskStatus.SUBMITTED
    # The campaign page shows it its own department's row and nothing else.
    page = client.get(reverse("campaigns:detail", args=[campaign.pk]))
    rows = page.context["rows"]
    assert [(r.unit, r.department) for r in rows] == [(cast.city, prosecution)]
    assert (
        "两件案件未在三日内告知诉讼权利"
        in client.get(reverse("campaigns:task_detail", args=[mine.pk])).content.decode()
    )


def test_a_unit_liaison_cannot_report_a_department_of_another_unit(cast, departments):
    campaign = started(cast, departments="all")
    with pytest.raises(PermissionDenied):
        services.task_submit(task=task_of(campaign, departments[0]), by=cast.liaison_a)
    assert task_of(campaign, departments[2]) in UnitTask.objects.visible_to(cast.liaison_a)


def test_a_department_grant_must_name_a_department_of_the_unit_and_only_for_liaisons(
    cast, departments
):
    prosecution, _investigation, county = departments
    user = UserFactory(username="x", person=PersonFactory(unit=cast.city))
    for role, department in (
        (Role.DEPT_LIAISON, county),  # not a department of the unit
        (Role.DEPT_LIAISON, None),  # no department
        (Role.LIAISON, prosecution),  # only a department liaison names one
        (Role.OFFICE, prosecution),
    ):
        with pytest.raises(ValidationError):
            role_grant(by=None, user=user, role=role, unit=cast.city, department=department)


def test_departments_appear_as_rows_of_the_progress_table_and_its_exports(cast, departments, login):
    prosecution = departments[0]
    campaign = started(cast)
    department_liaison(prosecution, "gongsu_liaison")
    _tracks, rows = campaign_progress(campaign=campaign, user=cast.office)
    city = cast.city.short_name
    assert [r.name for r in rows][:3] == [city, f"{city}公诉处", f"{city}侦查监督处"]
    department_row = rows[1]
    assert department_row.due == 1 and [c is not None for c in department_row.cells] == [
        True,
        False,
        False,
        False,
    ]
    client = login(cast.office)
    page = client.get(reverse("campaigns:detail", args=[campaign.pk])).content.decode()
    assert f'data-department="{prosecution.pk}"' in page
    export = client.get(reverse("campaigns:export", args=[campaign.pk]))
    sheet = load_workbook(filename=BytesIO(export.content)).active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert f"{cast.city.short_name}公诉处" in cells
