"""The engine at the day boundary, counting as the law counts (start day not counted, a last
day on a holiday rolls over except in custody), its idempotent re-runs and its queries."""

from datetime import date

import pytest

from guifan.cases.models import CaseComplaint, CoerciveMeasure, LawyerRequest
from guifan.checks import engine
from guifan.checks.models import Finding
from guifan.checks.services import checks_run
from guifan.checks.tests.conftest import TODAY, at
from guifan.core.deadlines import calendar
from guifan.testing.factories import CaseFactory

pytestmark = pytest.mark.django_db


def complaint_case(unit, received: date, replied: date | None, hour: int = 16):
    case = CaseFactory(unit=unit)
    CaseComplaint.objects.create(
        case=case,
        seq=1,
        received_at=at(received),
        procedural_reply_at=at(replied, hour) if replied else None,
    )
    return case


def found(rule: str) -> set[str]:
    return set(
        Finding.objects.filter(rule=rule, holds=True).values_list("case__case_no", flat=True)
    )


def test_a_reply_on_the_seventh_day_is_in_time_and_the_eighth_is_late(cast, on_world_date):
    on_time = complaint_case(cast.unit_a, date(2015, 6, 1), date(2015, 6, 8), hour=23)
    late = complaint_case(cast.unit_a, date(2015, 6, 1), date(2015, 6, 9), hour=8)
    never = complaint_case(cast.unit_a, date(2015, 6, 1), None)
    checks_run(by=None, rules=["R1-01"])
    assert found("R1-01") == {late.case_no, never.case_no}
    finding = Finding.objects.get(case=late)
    assert finding.deadline == "2015-06-08" and finding.actual == "2015-06-09"
    assert "法定期限至 2015-06-08" in finding.explanation
    assert on_time.case_no not in found("R1-01")


def test_a_last_day_in_the_national_day_holiday_rolls_over_to_the_next_working_day(
    cast, on_world_date
):
    # Received 2015-09-30: the seventh day, 10-07, is a holiday; the period ends 10-08.
    rolled = complaint_case(cast.unit_a, date(2015, 9, 30), date(2015, 10, 8))
    late = complaint_case(cast.unit_a, date(2015, 9, 30), date(2015, 10, 9))
    checks_run(by=None, rules=["R1-01"])
    assert found("R1-01") == {late.case_no}
    assert Finding.objects.get(case=late).deadline == "2015-10-08"
    assert rolled.case_no not in found("R1-01")


def arrest_review(unit, accept: date, close: date, *, detained: bool):
    case = CaseFactory(unit=unit, category="审查逮捕", accept_date=accept, close_date=close)
    if detained:
        CoerciveMeasure.objects.create(
            case=case, seq=1, suspect_seq=1, kind="detention", executed_at=at(date(2015, 9, 20))
        )
    return case


def test_a_custody_period_does_not_roll_over_a_holiday(cast, on_world_date):
    # Detained: 7 days from 09-26 end on 10-03, a holiday, and stay there.
    last_day = arrest_review(cast.unit_a, date(2015, 9, 26), date(2015, 10, 3), detained=True)
    day_after = arrest_review(cast.unit_a, date(2015, 9, 26), date(2015, 10, 4), detained=True)
    # Not detained: 15 days from 09-22 end on 10-07, a holiday, and roll over to 10-08.
    rolled = arrest_review(cast.unit_a, date(2015, 9, 22), date(2015, 10, 8), detained=False)
    checks_run(by=None, rules=["R4-05"])
    assert found("R4-05") == {day_after.case_no}
    finding = Finding.objects.get(case=day_after)
    assert finding.deadline == "2015-10-03" and finding.facts["detained"] is True
    assert "期满日不顺延" in finding.explanation
    assert not {last_day.case_no, rolled.case_no} & found("R4-05")


def test_file_review_counts_working_days_across_the_holiday(cast, on_world_date):
    case = CaseFactory(unit=cast.unit_a)
    # Submitted Tue 09-29: three working days are 09-30, 10-08, 10-09.
    for seq, answered in ((1, date(2015, 10, 9)), (2, date(2015, 10, 10))):
        LawyerRequest.objects.create(
            case=case, seq=seq, kind="file_review", submitted_at=at(date(2015, 9, 29)),
            responded_at=at(answered),
        )  # fmt: skip
    assert calendar().add_working_days(date(2015, 9, 29), 3) == date(2015, 10, 9)
    checks_run(by=None, rules=["R3-05"])
    assert list(Finding.objects.values_list("subject", "deadline")) == [("seq=2", "2015-10-09")]


def test_a_rerun_closes_what_no_longer_holds_and_reopens_it_with_its_decision(cast, on_world_date):
    case = complaint_case(cast.unit_a, date(2015, 6, 1), date(2015, 6, 9))
    first = checks_run(by=None, rules=["R1-01"])
    assert (first.findings, first.added, first.closed) == (1, 1, 0)
    Finding.objects.update(status="dismissed", reason="来信人撤回")
    CaseComplaint.objects.filter(case=case).update(procedural_reply_at=at(date(2015, 6, 5)))
    fixed = checks_run(by=None, rules=["R1-01"])
    assert (fixed.findings, fixed.added, fixed.closed) == (0, 0, 1)
    assert Finding.objects.get().holds is False
    CaseComplaint.objects.filter(case=case).update(procedural_reply_at=None)
    broken = checks_run(by=None, rules=["R1-01"])
    assert (broken.findings, broken.added, broken.closed) == (1, 0, 0)
    finding = Finding.objects.get()
    assert finding.holds and finding.status == "dismissed" and finding.actual == ""
    assert broken.output_hash != fixed.output_hash


def test_queries_grow_with_chunks_not_with_cases(cast, django_assert_num_queries):
    for n in range(30):
        complaint_case(cast.unit_a, date(2015, 6, 1), date(2015, 6, 8 + n % 2))
    tables = len(engine.KINDS)
    cal = calendar()  # outside the count: it reads the days the office added
    # A chunk: its case ids, the cases, each event table; then the empty next chunk.
    with django_assert_num_queries(2 + tables + 1):
        outcome = engine.evaluate(engine.Q(), as_of=TODAY, cal=cal, codes=["R1-01"])
    assert outcome.cases == 30 and len(outcome.hits) == 15
    with django_assert_num_queries(3 * (2 + tables) + 1):
        again = engine.evaluate(engine.Q(), as_of=TODAY, cal=cal, codes=["R1-01"], chunk=10)
    assert again.hits == outcome.hits and again.input_digest == outcome.input_digest
