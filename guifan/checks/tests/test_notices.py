"""流程监控通知书: the office issues one from the monitoring list to the handler with a reply
deadline, the handler replies, a reply not given in time is flagged on the office's overdue
list; a unit's liaison and the office see the unit's 临期/超期 count on the 工作台."""

import io
from datetime import date

import docx
import pytest
from django.urls import reverse

from guifan.cases.worker import JOBS
from guifan.checks.models import MonitorNotice
from guifan.checks.monitor import due_tallies_refresh
from guifan.checks.tests.conftest import at
from guifan.checks.tests.test_monitor import open_case
from guifan.core.clock import frozen_at
from guifan.journal.models import Entry
from guifan.journal.sentences import describe
from guifan.journal.verbs import Verb
from guifan.testing.factories import PersonFactory, UserFactory, grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def soon(cast, on_world_date):
    # 审查起诉 from 02-29 ends Tue 03-29, 2 working days after Fri 03-25.
    return open_case(cast.unit_a, "审查起诉(一审)", date(2016, 2, 29), handler=cast.handler.person)


def issue(client, case, content=""):
    return client.post(reverse("checks:notice_issue", args=[case.pk]), {"content": content})


def test_office_issues_a_notice_from_the_list_and_the_handler_replies(cast, login, soon):
    office = login(cast.office)
    listing = office.get(reverse("checks:monitor")).content.decode()
    assert reverse("checks:notice_issue", args=[soon.pk]) in listing
    form = office.get(reverse("checks:notice_issue", args=[soon.pk])).content.decode()
    assert "审查起诉期限于2016年3月29日届满，尚余 2 个工作日" in form
    response = issue(office, soon, "请于期限内作出决定。")
    notice = MonitorNotice.objects.get()
    assert response.url == reverse("checks:notice", args=[notice.pk])
    # Three working days from Fri 03-25: Mon 28, Tue 29, Wed 30.
    assert (notice.handler, notice.reply_by) == (cast.handler.person, date(2016, 3, 30))
    entry = Entry.objects.filter(verb=Verb.NOTICE_ISSUE).get()
    assert "向承办检察官handler姓名发出" in describe([entry])[0]
    assert "要求 2016-03-30 前回复" in describe([entry])[0]

    handler = login(cast.handler)
    dashboard = handler.get(reverse("web:dashboard")).content.decode()
    assert f"回复{soon.case_no}的流程监控通知书" in dashboard
    handler.post(reverse("checks:notice_reply", args=[notice.pk]), {"reply": "已于3月28日提起公诉"})
    notice.refresh_from_db()
    assert notice.reply == "已于3月28日提起公诉" and not notice.late
    assert "回复流程监控通知书" not in handler.get(reverse("web:dashboard")).content.decode()
    page = handler.get(reverse("checks:notice", args=[notice.pk])).content.decode()
    assert "已于3月28日提起公诉" in page and "逾期" not in page

    data = login(cast.office).get(reverse("checks:notice_docx", args=[notice.pk])).content
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "流程监控通知书" in text and "请于期限内作出决定。" in text
    assert "请于2016年3月30日前回复。" in text


def test_an_unanswered_notice_is_flagged_on_the_overdue_list(cast, login, soon):
    overdue = open_case(
        cast.unit_b, "审查起诉(一审)", date(2016, 2, 10), handler=cast.handler.person
    )
    issue(login(cast.office), soon)
    notice = MonitorNotice.objects.get()
    html = login(cast.office).get(reverse("checks:overdue")).content.decode()
    assert f'data-case="{overdue.case_no}"' in html  # the case past its period
    assert f'data-notice="{notice.pk}"' not in html  # the reply is not due yet
    with frozen_at(at(date(2016, 3, 31))):
        html = login(cast.office).get(reverse("checks:overdue")).content.decode()
        assert f'data-notice="{notice.pk}"' in html and "逾期未回复" in html
        login(cast.handler).post(
            reverse("checks:notice_reply", args=[notice.pk]), {"reply": "迟复"}
        )
    entry = Entry.objects.filter(verb=Verb.NOTICE_REPLY).get()
    assert describe([entry])[0].endswith("（逾期回复）")
    assert "逾期回复" in login(cast.office).get(reverse("checks:notices")).content.decode()


def test_a_notice_is_refused_for_a_case_not_near_its_period(cast, login, on_world_date):
    later = open_case(cast.unit_a, "审查起诉(一审)", date(2016, 3, 24), handler=cast.handler.person)
    response = issue(login(cast.office), later)
    assert response.status_code == 200 and "不在流程监控范围内" in response.content.decode()
    assert not MonitorNotice.objects.exists()


def test_each_sees_only_their_notices_and_only_the_handler_replies(cast, login, soon):
    issue(login(cast.office), soon)
    notice = MonitorNotice.objects.get()
    other = UserFactory(username="other_handler", person=PersonFactory(unit=cast.unit_a))
    grant(other, "handler", cast.unit_a)
    detail = reverse("checks:notice", args=[notice.pk])
    reply = reverse("checks:notice_reply", args=[notice.pk])
    # Another handler of the same unit: neither listed nor reachable, cannot reply.
    assert (
        f'data-notice="{notice.pk}"'
        not in login(other).get(reverse("checks:notices")).content.decode()
    )
    assert login(other).get(detail).status_code == 404
    assert login(other).post(reply, {"reply": "x"}).status_code == 404
    # The liaison of the unit reads it but does not reply; another unit's liaison sees nothing.
    assert (
        f'data-notice="{notice.pk}"'
        in login(cast.liaison_a).get(reverse("checks:notices")).content.decode()
    )
    assert login(cast.liaison_a).post(reply, {"reply": "x"}).status_code == 403
    assert login(cast.liaison_b).get(detail).status_code == 404
    # Only the office issues; a handler or liaison is refused.
    for user in (cast.handler, cast.liaison_a, cast.inspector):
        assert issue(login(user), soon).status_code == 403
    notice.refresh_from_db()
    assert notice.replied_at is None and MonitorNotice.objects.count() == 1
    for user in (cast.handler, cast.liaison_a, cast.evaluator):
        assert login(user).get(reverse("checks:overdue")).status_code == 403
    assert (
        'data-testid="overdue-list"'
        in login(cast.office).get(reverse("checks:monitor")).content.decode()
    )
    assert (
        'data-testid="overdue-list"'
        not in login(cast.liaison_a).get(reverse("checks:monitor")).content.decode()
    )


def test_the_unit_sees_its_near_and_overdue_cases_on_the_dashboard(cast, login, soon):
    open_case(cast.unit_b, "审查起诉(一审)", date(2016, 2, 10))  # ended 03-10
    assert "临期案件" not in login(cast.liaison_a).get(reverse("web:dashboard")).content.decode()
    assert (600, due_tallies_refresh) in JOBS  # the worker's supervisor counts every 10 minutes
    assert due_tallies_refresh() == 2
    liaison_a = login(cast.liaison_a).get(reverse("web:dashboard")).content.decode()
    assert "甲区临期案件 1 件、超期案件 0 件" in liaison_a and "乙县" not in liaison_a
    liaison_b = login(cast.liaison_b).get(reverse("web:dashboard")).content.decode()
    assert "乙县临期案件 0 件、超期案件 1 件" in liaison_b
    office = login(cast.office).get(reverse("web:dashboard")).content.decode()
    assert "测市临期案件 1 件、超期案件 1 件" in office
    filtered = login(cast.office).get(reverse("checks:monitor"), {"unit": cast.unit_b.code})
    assert soon.case_no not in filtered.content.decode()
    with frozen_at(at(date(2016, 3, 28))):  # counted on Friday, read on Monday: it says so
        office = login(cast.office).get(reverse("web:dashboard")).content.decode()
        assert "测市临期案件 1 件、超期案件 1 件（2016-03-25 统计）" in office
