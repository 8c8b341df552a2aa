"""Rules that use the records: K09 puts every case with a record into the 重点评查 draw (R7-01);
R7-02 and R8-01 flag the right people and cases for discipline inspection, with the facts."""

from datetime import date, datetime, timedelta

from django.urls import reverse
from django.utils import timezone

from guifan.cases.models import Case, CaseFlag, CoerciveMeasure, SeizedProperty
from guifan.draws.frames import describe, frame_members
from guifan.draws.models import Selection
from guifan.draws.tests.conftest import campaign, drawn, rule  # noqa: F401  (fixtures)
from guifan.evaluation.loading import load_batch
from guifan.inquiries.flags import favourable_flags, silent_runs, zero_report_flags
from guifan.inquiries.models import InquiryRecord
from guifan.inquiries.quarters import Quarter
from guifan.inquiries.services import inquiry_record
from guifan.inquiries.tests.conftest import FIELDS
from guifan.testing.factories import CaseFactory, DepartmentFactory, PersonFactory


def _record(case, by, day, **extra):
    return inquiry_record(case=case, by=by, **{**FIELDS, "occurred_on": day, **extra})


def test_a_case_with_a_record_of_the_year_is_in_the_k09_frame_and_drawn(cast, rule, drawn):  # noqa: F811
    asked = Case.objects.get(case_no="甲区检公诉受〔2015〕0007号")
    later = Case.objects.get(case_no="乙县检侦监受〔2015〕0002号")
    _record(asked, cast.office, date(2015, 4, 20))
    _record(later, cast.office, date(2016, 1, 20))  # not in the year the rule looks back at
    k09 = rule("k09")
    assert k09.population == "k09"  # the seed's K09 rule is the one K09 population
    assert [m for _, m in frame_members(k09)] == [asked.case_no_norm]
    assert "2015年" in describe(k09) and "过问干预" in describe(k09)
    draw = drawn("k09")
    assert list(Selection.objects.filter(draw=draw).values_list("case__case_no", flat=True)) == [
        asked.case_no
    ]
    batch = load_batch(k09.campaign)
    assert [(c.id, c.need) for c in batch.cases] == [(asked.case_no_norm, 2)]  # 重点: two


def test_k09_is_one_population_of_flags_and_records(cast, rule):  # noqa: F811
    """A case flagged 过问 by the import, one with only a record, one with both — each once;
    a flag or record of another year, or another kind of flag, keeps a case out."""
    flag_only, record_only, both, other_year, other_kind = (
        CaseFactory(unit=cast.unit_a, case_no=f"甲区检K受〔2015〕09{n}号") for n in range(1, 6)
    )
    for case, kind, day in (
        (flag_only, "intervention", date(2015, 3, 1)),
        (both, "discipline", date(2015, 5, 1)),
        (other_year, "intervention", date(2014, 12, 31)),
        (other_kind, "media", date(2015, 5, 1)),
    ):
        CaseFlag.objects.create(case=case, seq=1, kind=kind, flagged_on=day, source="登记表")
    _record(record_only, cast.office, date(2015, 8, 1))
    _record(both, cast.office, date(2015, 8, 2))
    _record(other_year, cast.office, date(2016, 1, 5))
    frame = [m for _, m in frame_members(rule("k09"))]
    assert sorted(frame) == sorted(c.case_no_norm for c in (flag_only, record_only, both))


def test_r8_01_flags_a_favourable_decision_within_30_days_of_an_inquiry(cast, login):
    quick = CaseFactory(unit=cast.unit_a, close_type="不起诉", close_date=date(2015, 11, 20))
    slow = CaseFactory(unit=cast.unit_a, close_type="不起诉", close_date=date(2015, 12, 30))
    charged = CaseFactory(unit=cast.unit_a, close_type="起诉", close_date=date(2015, 11, 20))
    released = CaseFactory(unit=cast.unit_b, close_type="起诉", close_date=date(2016, 2, 1))
    ended = timezone.make_aware(datetime(2015, 11, 12, 10))
    CoerciveMeasure.objects.create(case=released, seq=1, kind="arrest", ended_at=ended)
    SeizedProperty.objects.create(
        case=released, seq=1, description="轿车一辆", released_at=ended + timedelta(days=40)
    )
    for case in (quick, slow, charged, released):
        _record(case, cast.inspector, date(2015, 11, 1), inquirer_name="赵某")
    flags = favourable_flags(InquiryRecord.objects.all())
    assert {f.who: f.facts[1:] for f in flags} == {
        quick.case_no: ["2015-11-20作出“不起诉”决定（过问后第 19 日）"],
        released.case_no: ["2015-11-12解除或变更逮捕（过问后第 11 日）"],
    }
    page = login(cast.inspector).get(reverse("inquiries:flags")).content.decode()
    assert quick.case_no in page and "过问后第 19 日" in page and slow.case_no not in page
    assert login(cast.office).get(reverse("inquiries:flags")).status_code == 403


def test_silent_runs_need_two_consecutive_quarters_in_the_top_quarter():
    q1, q2, q3 = Quarter(2015, 1), Quarter(2015, 2), Quarter(2015, 3)
    loads = {
        q1: {"busy": 40, "quiet": 40, "a": 10, "b": 9, "c": 8, "d": 7, "e": 6, "f": 5},
        q2: {"busy": 35, "quiet": 38, "a": 10, "b": 9, "c": 8, "d": 7, "e": 6, "f": 5},
        q3: {"busy": 30, "quiet": 9, "a": 10, "b": 9, "c": 8, "d": 7, "e": 6, "f": 5},
    }
    records = {q1: {"busy": 1}, q2: {}, q3: {}}
    runs = silent_runs(loads, records)
    # "quiet" recorded nothing in q1 and q2 while on top; "busy" only from q2, and "a" is
    # never in the top quarter (the top 2 of 8).
    assert runs == {"quiet": [(q1, 40, 40), (q2, 38, 35)], "busy": [(q2, 35, 35), (q3, 30, 10)]}


def test_r7_02_flags_the_busy_prosecutor_who_never_records(cast):
    dept = DepartmentFactory(unit=cast.unit_a, name="公诉科")
    busy, careful = PersonFactory(unit=cast.unit_a, name="周检察官"), cast.handler.person
    others = [PersonFactory(unit=cast.unit_a) for _ in range(6)]
    for quarter in (Quarter(2015, 3), Quarter(2015, 4)):
        day = quarter.start + timedelta(days=5)
        for person, n in ((busy, 12), (careful, 12), *((p, 3) for p in others)):
            for _ in range(n):
                CaseFactory(unit=cast.unit_a, handler=person, department=dept, accept_date=day)
        case = Case.objects.filter(handler=careful, accept_date=day).first()
        _record(case, cast.office, day + timedelta(days=3))
    flags = zero_report_flags({cast.unit_a.pk}, [Quarter(2015, 3), Quarter(2015, 4)])
    assert [f.who for f in flags] == ["周检察官（检察官）"]
    assert flags[0].facts[0] == "2015年第3季度受理 12 件（前 25% 为 12 件以上），过问记录 0 件"
