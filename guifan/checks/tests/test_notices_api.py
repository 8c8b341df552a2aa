"""The 流程监控通知书 over the API and the shell: each sees the notices the screens show them
(the office all of its units', a liaison the unit's, a handler those addressed to them), the
office issues and the handler replies with the screens' permissions, and
``guifan checks notices --json`` prints one JSON array."""

import json
from datetime import date

import pytest

from guifan.checks.models import MonitorNotice
from guifan.checks.notices import notice_issue
from guifan.checks.tests.conftest import at
from guifan.checks.tests.test_monitor import open_case
from guifan.cli import main
from guifan.core.clock import frozen_at
from guifan.journal.models import Entry
from guifan.journal.verbs import Verb
from guifan.testing.factories import PersonFactory, UserFactory, grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(cast, on_world_date):
    """Two notices: unit A's case, due 03-29, to the cast's handler; unit B's, ended 03-10,
    to another handler."""
    soon = open_case(cast.unit_a, "审查起诉(一审)", date(2016, 2, 29), handler=cast.handler.person)
    late = open_case(
        cast.unit_b, "审查起诉(一审)", date(2016, 2, 10), handler=PersonFactory(unit=cast.unit_b)
    )
    return [notice_issue(case=case, by=cast.office) for case in (soon, late)]


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def case_nos(rows) -> list[str]:
    return sorted(r["case_no"] for r in rows)


def test_each_role_lists_the_notices_it_sees_and_others_are_refused(cast, login, issued):
    mine, theirs = issued
    office = login(cast.office).get("/api/checks/notices").json()
    assert case_nos(office) == sorted([mine.case.case_no, theirs.case.case_no])
    row = next(r for r in office if r["id"] == mine.pk)
    assert (row["handler"], row["reply_by"], row["replied_at"], row["late"]) == (
        cast.handler.person.name, "2016-03-30", None, False,
    )  # fmt: skip
    assert "审查起诉期限于2016年3月29日届满" in row["content"]
    liaison_a = login(cast.liaison_a).get("/api/checks/notices").json()
    assert case_nos(liaison_a) == [mine.case.case_no]
    assert case_nos(login(cast.handler).get("/api/checks/notices").json()) == [mine.case.case_no]
    unit_b = login(cast.office).get("/api/checks/notices", {"unit": cast.unit_b.code}).json()
    assert case_nos(unit_b) == [theirs.case.case_no]
    assert login(cast.office).get("/api/checks/notices", {"unit": "nowhere"}).status_code == 422
    for user in (cast.evaluator, cast.team_lead):
        assert login(user).get("/api/checks/notices").status_code == 403
    read = Entry.objects.filter(verb=Verb.API_READ, actor_id=cast.office.pk).first()
    assert read is not None and "/api/checks/notices" in read.payload


def test_one_notice_is_read_by_those_who_see_it_and_404_for_the_rest(cast, login, issued):
    mine, theirs = issued
    url = f"/api/checks/notices/{mine.pk}"
    for user in (cast.office, cast.liaison_a, cast.handler):
        assert login(user).get(url).json()["case_no"] == mine.case.case_no
    other = UserFactory(username="other_handler", person=PersonFactory(unit=cast.unit_a))
    grant(other, "handler", cast.unit_a)
    assert login(other).get(url).status_code == 404  # a handler of the same unit
    assert login(cast.liaison_b).get(url).status_code == 404
    assert login(cast.handler).get(f"/api/checks/notices/{theirs.pk}").status_code == 404
    assert login(cast.evaluator).get(url).status_code == 403


def test_the_handler_replies_once_and_only_the_handler(cast, login, issued):
    mine, _theirs = issued
    url = f"/api/checks/notices/{mine.pk}/reply"
    assert post(login(cast.liaison_a), url, {"reply": "x"}).status_code == 403
    assert post(login(cast.office), url, {"reply": "x"}).status_code == 403
    assert post(login(cast.handler), url, {"reply": " "}).status_code == 422
    answered = post(login(cast.handler), url, {"reply": "已于3月28日提起公诉"}).json()
    assert answered["reply"] == "已于3月28日提起公诉" and answered["replied_at"]
    assert not answered["late"]
    again = post(login(cast.handler), url, {"reply": "再次回复"})
    assert again.status_code == 422 and "已回复" in again.json()["detail"]
    assert Entry.objects.filter(verb=Verb.NOTICE_REPLY).count() == 1
    assert MonitorNotice.objects.get(pk=mine.pk).reply == "已于3月28日提起公诉"


def test_the_office_issues_a_notice_and_nobody_else(cast, login, on_world_date):
    case = open_case(cast.unit_a, "审查起诉(一审)", date(2016, 2, 29), handler=cast.handler.person)
    url = f"/api/checks/monitor/cases/{case.pk}/notice"
    for user in (cast.handler, cast.liaison_a, cast.inspector):
        assert post(login(user), url, {}).status_code == 403
    assert not MonitorNotice.objects.exists()
    done = post(login(cast.office), url, {"content": "请于期限内作出决定。"}).json()
    assert (done["case_no"], done["content"]) == (case.case_no, "请于期限内作出决定。")
    assert Entry.objects.filter(verb=Verb.NOTICE_ISSUE).count() == 1
    far = open_case(cast.unit_a, "审查起诉(一审)", date(2016, 3, 24), handler=cast.handler.person)
    refused = post(login(cast.office), f"/api/checks/monitor/cases/{far.pk}/notice", {})
    assert refused.status_code == 422 and "不在流程监控范围内" in refused.json()["detail"]


def test_the_shell_lists_notices_as_one_json_array(cast, issued, capsys):
    mine, _theirs = issued
    assert main(["checks", "notices", "--json"]) == 0
    assert case_nos(json.loads(capsys.readouterr().out)) == case_nos(
        [{"case_no": n.case.case_no} for n in issued]
    )
    assert main(["checks", "notices", "--json", "--unit", cast.unit_a.code]) == 0
    assert case_nos(json.loads(capsys.readouterr().out)) == [mine.case.case_no]
    assert main(["checks", "notices", "--overdue", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []  # no reply is due yet
    with frozen_at(at(date(2016, 3, 31))):  # past the reply date 03-30, unanswered
        assert main(["checks", "notices", "--overdue", "--json"]) == 0
        late = json.loads(capsys.readouterr().out)
        assert case_nos(late) == case_nos([{"case_no": n.case.case_no} for n in issued])
        assert all(r["late"] for r in late)
        assert main(["checks", "notices", "--overdue"]) == 0
        assert "共 2 份通知书" in capsys.readouterr().out
