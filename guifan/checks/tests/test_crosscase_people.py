"""The cross-case H rules comparing people (R8-03, R7-02, R7-03): a handler, prosecutor or
querying person beyond the line is flagged on their latest case with the figures, one on the
line or just outside the window is not, and a re-run keeps the flag once."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from guifan.cases.models import AccessLog, CaseFlag, Interrogation
from guifan.cases.services import cases_import
from guifan.checks.facts import labelled
from guifan.checks.models import Finding
from guifan.checks.services import checks_run
from guifan.checks.tests.conftest import TODAY, at
from guifan.inquiries.services import inquiry_record
from guifan.inquiries.tests.conftest import FIELDS
from guifan.testing.factories import CaseFactory, DepartmentFactory, PersonFactory

pytestmark = pytest.mark.django_db


def flags(rule: str) -> dict[str, Finding]:
    found = Finding.objects.filter(rule=rule, holds=True).select_related("case")
    return {f.case.case_no: f for f in found}


def closed(unit, handler, n: int, lenient: int, *, on=date(2015, 9, 1), cause="盗窃罪"):
    """``n`` cases of ``handler`` closed on ``on``, the first ``lenient`` not prosecuted."""
    return [
        CaseFactory(
            unit=unit,
            handler=handler,
            cause=cause,
            close_date=on,
            close_type="不起诉" if i < lenient else "起诉",
        )
        for i in range(n)
    ]


def test_a_handler_far_from_the_median_of_the_class_is_flagged(cast, on_world_date):
    unit, people = cast.unit_a, [PersonFactory(unit=cast.unit_a) for _ in range(5)]
    # The window's first day (365 days before 2016-03-25) counts: without these five cases
    # the first handler would have too few to rank and the median would move to 35%.
    closed(unit, people[0], 5, 0, on=date(2015, 3, 26))
    closed(unit, people[1], 5, 1)
    closed(unit, people[2], 5, 1)
    lenient = closed(unit, people[3], 5, 3, on=date(2015, 10, 1))
    latest = closed(unit, people[3], 1, 0, on=date(2015, 3, 25))  # outside: 50% if counted
    closed(unit, people[4], 10, 5)  # 50%: exactly 30 points above the median of 20%
    closed(unit, people[0], 2, 2, cause="诈骗罪")  # another class, too small
    run = checks_run(by=None, rules=["R8-03"])
    assert list(flags("R8-03")) == [lenient[-1].case_no] and run.findings == 1
    facts = flags("R8-03")[lenient[-1].case_no].facts
    assert (facts["rate"], facts["class_median"], facts["class_cases"]) == (60.0, 20.0, 30)
    assert facts["cause"] == "盗窃罪" and "高于类案中位数" in facts["note"]
    assert "未分数额档" in facts["note"]  # the registry has no amount to band by
    assert ("类案承办人比例中位数（%）", "20.0") in labelled(facts)
    assert latest[0].case_no not in flags("R8-03")
    again = checks_run(by=None, rules=["R8-03"])
    assert (again.findings, again.added, again.closed) == (1, 0, 0)


def accepted(unit, handler, quarter_start: date, n: int):
    day = quarter_start + timedelta(days=5)
    return [CaseFactory(unit=unit, handler=handler, accept_date=day) for _ in range(n)]


Q3, Q4, Q1_2016 = date(2015, 7, 1), date(2015, 10, 1), date(2016, 1, 1)


def test_a_busy_prosecutor_silent_for_two_quarters_is_flagged(cast, on_world_date):
    unit = cast.unit_a
    busy, careful, once, late = (PersonFactory(unit=unit) for _ in range(4))
    others = [PersonFactory(unit=unit) for _ in range(4)]
    for start in (Q3, Q4):
        for person, n in ((busy, 12), (careful, 12), (once, 12), *((p, 3) for p in others)):
            accepted(unit, person, start, n)
    flagged = accepted(unit, careful, Q3, 1)[0]
    CaseFlag.objects.create(case=flagged, seq=1, kind="intervention", flagged_on=date(2015, 8, 1))
    asked = accepted(unit, careful, Q4, 1)[0]
    inquiry_record(case=asked, by=cast.office, **{**FIELDS, "occurred_on": date(2015, 11, 2)})
    # Silent in Q3 only: a record in Q4 breaks the run.
    record = accepted(unit, once, Q4, 1)[0]
    CaseFlag.objects.create(case=record, seq=1, kind="intervention", flagged_on=date(2015, 12, 31))
    # Silent and on top in Q4 and in 2016 Q1, which has not ended on 2016-03-25.
    accepted(unit, late, Q4, 12)
    accepted(unit, late, Q1_2016, 12)
    # Unit B: a busy prosecutor with only two colleagues: no top quarter to speak of.
    lonely = PersonFactory(unit=cast.unit_b)
    for start in (Q3, Q4):
        accepted(cast.unit_b, lonely, start, 12)
        accepted(cast.unit_b, PersonFactory(unit=cast.unit_b), start, 2)
    newest = accepted(unit, busy, Q4 + timedelta(days=30), 1)[0]
    run = checks_run(by=None, rules=["R7-02"])
    assert list(flags("R7-02")) == [newest.case_no] and run.findings == 1
    facts = flags("R7-02")[newest.case_no].facts
    assert facts["quarters"] == ["2015年第3季度", "2015年第4季度"]
    assert facts["loads"] == [12, 13] and facts["registrations"] == 0
    assert "过问干预登记 0 件" in facts["note"]
    again = checks_run(by=None, rules=["R7-02"])
    assert (again.findings, again.added, again.closed) == (1, 0, 0)


def queried(case, staff_no: str, days: list[date], hour: int = 10):
    start = AccessLog.objects.filter(case=case).count()
    for i, day in enumerate(days, start=start + 1):
        AccessLog.objects.create(case=case, seq=i, staff_no=staff_no, queried_at=at(day, hour))


def test_an_outsider_querying_a_case_three_times_in_7_days_is_flagged(cast, on_world_date):
    handler, nosy, near = (
        PersonFactory(unit=cast.unit_a, name="王检察官"),
        *(PersonFactory(unit=cast.unit_a) for _ in range(2)),
    )
    case = CaseFactory(unit=cast.unit_a, handler=handler, reviewers="R0001")
    Interrogation.objects.create(
        case=case, seq=1, start_at=at(date(2015, 4, 1)), interrogators="I0001,I0002"
    )
    d = date(2015, 6, 1)
    # 7 days from the first to the third query (the first at 8:00, the last at 23:00): within.
    queried(case, nosy.staff_no, [d], hour=8)
    queried(case, nosy.staff_no, [d + timedelta(days=3)])
    queried(case, nosy.staff_no, [d + timedelta(days=7)], hour=23)
    queried(case, near.staff_no, [d, d + timedelta(days=4), d + timedelta(days=8)])  # 8 days
    for team in (handler.staff_no, "R0001", "I0002"):
        queried(case, team, [d, d, d + timedelta(days=1), d + timedelta(days=2)])
    other = CaseFactory(unit=cast.unit_a, handler=handler)
    queried(other, nosy.staff_no, [d, d + timedelta(days=1)])  # twice only
    run = checks_run(by=None, rules=["R7-03"])
    assert list(flags("R7-03")) == [case.case_no] and run.findings == 1
    finding = Finding.objects.get(rule="R7-03")
    assert finding.facts["staff_no"] == nosy.staff_no and finding.facts["count"] == 3
    assert (finding.facts["since"], finding.facts["until"]) == ("2015-06-01", "2015-06-08")
    assert nosy.name in finding.facts["note"]
    again = checks_run(by=None, rules=["R7-03"])
    assert (again.findings, again.added, again.closed) == (1, 0, 0)


ACCESS = """部门受案号,流水号,查询人工号,查询时间
{no},1,Q0000001,2015-06-01 09:00
{no},2,Q0000001,2015-06-03 09:00
{no},3,Q0000001,2015-06-05 09:00
"""


def test_access_logs_are_imported_idempotently_and_checked(cast, on_world_date, tmp_path):
    case = CaseFactory(unit=cast.unit_a, handler=PersonFactory(unit=cast.unit_a))
    path = tmp_path / "access.csv"
    path.write_text(ACCESS.format(no=case.case_no), encoding="utf-8")
    first = cases_import(path=path, kind="access_logs")
    assert (first.rejected, AccessLog.objects.count()) == (0, 3), first.errors
    again = cases_import(path=path, kind="access_logs")
    assert (again.rejected, AccessLog.objects.count()) == (0, 3)
    checks_run(by=None, rules=["R7-03"])
    assert list(flags("R7-03")) == [case.case_no]


def test_views_of_our_own_case_page_are_logged_and_checked(cast, on_world_date, login):
    case = CaseFactory(unit=cast.unit_a, handler=cast.handler.person)
    AccessLog.objects.create(case=case, seq=1, staff_no="Q0000001", queried_at=at(TODAY))
    page = reverse("cases:detail", args=[case.pk])
    for _ in range(3):
        assert login(cast.office).get(page).status_code == 200
    assert login(cast.handler).get(page).status_code == 200
    logged = AccessLog.objects.filter(case=case).order_by("seq")
    assert [(a.seq, a.staff_no) for a in logged][1:] == [
        (1_000_001, cast.office.person.staff_no),
        (1_000_002, cast.office.person.staff_no),
        (1_000_003, cast.office.person.staff_no),
        (1_000_004, cast.handler.person.staff_no),
    ]
    # The 专项整治办 reads every case of its units: its views are logged, never flagged.
    checks_run(by=None, rules=["R7-03"])
    assert not Finding.objects.filter(rule="R7-03").exists()


def test_staff_whose_post_reads_the_case_are_not_outsiders(cast, on_world_date):
    """案件管理 and 纪检监察 staff of the case's unit or a unit above, its 检察长 and the
    holder of an inspection grant open the case as often as they must; a prosecutor of
    another department, or a 案件管理 clerk of a sister unit, does not."""
    case = CaseFactory(unit=cast.unit_a, handler=PersonFactory(unit=cast.unit_a))
    office = DepartmentFactory(unit=cast.unit_a, line="anguan", case_code="案管")
    city_jijian = DepartmentFactory(unit=cast.city, line="jijian", case_code="纪检")
    sister = DepartmentFactory(unit=cast.unit_b, line="anguan", case_code="案管")
    readers = [
        PersonFactory(unit=cast.unit_a, department=office),
        PersonFactory(unit=cast.city, department=city_jijian),
        PersonFactory(unit=cast.unit_a, title="检察长"),
        cast.inspector.person,
    ]
    strangers = [
        PersonFactory(unit=cast.unit_a),
        PersonFactory(unit=cast.unit_b, department=sister),
    ]
    d = date(2015, 6, 1)
    for person in readers + strangers:
        queried(case, person.staff_no, [d, d + timedelta(days=2), d + timedelta(days=4)])
    checks_run(by=None, rules=["R7-03"])
    found = Finding.objects.filter(rule="R7-03", holds=True)
    assert {f.facts["staff_no"] for f in found} == {p.staff_no for p in strangers}
