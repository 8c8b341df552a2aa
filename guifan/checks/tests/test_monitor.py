"""流程监控: open cases whose period ends within the warning days (working days), or has
ended, for those who see the case; the handler is warned on the 工作台."""

from datetime import date

import pytest
from django.urls import reverse

from guifan.cases.models import CoerciveMeasure
from guifan.checks.tests.conftest import at
from guifan.testing.factories import CaseFactory

pytestmark = pytest.mark.django_db


def open_case(unit, category, accept: date, **fields):
    return CaseFactory(
        unit=unit, category=category, accept_date=accept, close_date=None, status="in_progress",
        **fields,
    )  # fmt: skip


def rows(client, **query) -> dict[str, str]:
    html = client.get(reverse("checks:monitor"), query).content.decode()
    return {
        case_no: html.split(f'data-case="{case_no}"')[1].split("</tr>")[0]
        for case_no in [p.split('"')[0] for p in html.split('data-case="')[1:]]
    }


def test_cases_near_or_past_their_period_are_listed(cast, login, on_world_date):
    # 审查起诉 from 02-29: a month ends 03-29 (Tue), 2 working days after Fri 03-25.
    soon = open_case(cast.unit_a, "审查起诉(一审)", date(2016, 2, 29), handler=cast.handler.person)
    later = open_case(cast.unit_a, "审查起诉(一审)", date(2016, 3, 20))  # ends 04-20
    overdue = open_case(cast.unit_b, "审查起诉(一审)", date(2016, 2, 10))  # ended 03-10
    # 审查逮捕 with the suspect detained: 7 days from 03-21 end on Mon 03-28, 1 working day.
    detained = open_case(cast.unit_a, "审查逮捕", date(2016, 3, 21))
    CoerciveMeasure.objects.create(
        case=detained, seq=1, suspect_seq=1, kind="detention", executed_at=at(date(2016, 3, 18))
    )
    shown = rows(login(cast.office))
    assert set(shown) == {soon.case_no, overdue.case_no, detained.case_no}
    assert "2016-03-29" in shown[soon.case_no] and "在押" in shown[detained.case_no]
    assert "已超期 15 日" in shown[overdue.case_no]
    assert later.case_no in rows(login(cast.office), extra=20)
    assert set(rows(login(cast.liaison_b))) == {overdue.case_no}
    dashboard = login(cast.handler).get(reverse("web:dashboard")).content.decode()
    assert soon.case_no in dashboard and "临期预警" in dashboard


def test_the_monitor_refuses_roles_without_cases(cast, login):
    for user in (cast.evaluator, cast.sysadmin, cast.auditadmin):
        assert login(user).get(reverse("checks:monitor")).status_code == 403
