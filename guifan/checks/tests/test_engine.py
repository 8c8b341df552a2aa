"""The engine at the day boundary, counting as the law counts (start day not counted, a last
day on a holiday rolls over except in custody), its idempotent re-runs and its queries."""

from datetime import date

import pytest
from django.db.models import Q

from guifan.cases.models import (
    CaseComplaint,
    CaseDocument,
    CoerciveMeasure,
    Judgment,
    LawyerRequest,
)
from guifan.checks import engine, reading
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
    tables = len(reading.KINDS)
    cal = calendar()  # outside the count: it reads the days the office added
    # The case ids once; then per chunk the cases and each event table.
    with django_assert_num_queries(1 + 1 + tables):
        outcome = engine.evaluate(Q(), as_of=TODAY, cal=cal, codes=["R1-01"])
    assert outcome.cases == 30 and len(outcome.hits) == 15
    with django_assert_num_queries(1 + 3 * (1 + tables)):
        again = engine.evaluate(Q(), as_of=TODAY, cal=cal, codes=["R1-01"], chunk=10)
    assert again.hits == outcome.hits and again.input_digest == outcome.input_digest


def test_a_sparse_selection_reads_its_own_events_not_those_of_the_cases_between(cast):
    """A handler's few open cases lie far apart in the table (the 工作台's 临期预警): their
    chunk is read by id, not as the whole range of cases between them."""
    cases = [complaint_case(cast.unit_a, date(2015, 6, 1), None) for _ in range(30)]
    ends = [cases[0].pk, cases[-1].pk]
    rows, events = reading.load_chunk(ends)
    assert [row["pk"] for row in rows] == ends
    assert sorted(events["complaints"]) == ends
    rows, events = reading.load_chunk([c.pk for c in cases])  # dense: the range
    assert len(rows) == len(events["complaints"]) == 30


def test_the_engine_reads_judgments_documents_flags_and_case_fields(cast, on_world_date):
    """The tables and case columns the added rules read reach them through the engine:
    a withdrawal with its 不起诉 on the 30th day (rolled to 10-08) and one a day late; a
    meeting answered late in a major bribery case and the same in an ordinary one."""

    def withdrawn(decided: date):
        case = CaseFactory(unit=cast.unit_a)
        Judgment.objects.create(
            case=case, seq=1, level="first", judged_on=date(2015, 9, 7), result="withdrawn"
        )
        CaseDocument.objects.create(case=case, seq=1, doc_type="不起诉决定书", sign_date=decided)
        return case

    in_time, late = withdrawn(date(2015, 10, 8)), withdrawn(date(2015, 10, 9))
    # R5-02 (H): generated in the system 4 days after the date it bears, not 3 (local time).
    for days, case in ((3, in_time), (4, late)):
        CaseDocument.objects.create(
            case=case, seq=2, doc_type="起诉书", sign_date=date(2015, 6, 1),
            generated_at=at(date(2015, 6, 1 + days), 7),
        )  # fmt: skip

    def meeting(major: bool):
        case = CaseFactory(unit=cast.unit_a, is_major_bribery=major)
        LawyerRequest.objects.create(
            case=case, seq=1, kind="meeting", submitted_at=at(date(2015, 9, 30)),
            responded_at=at(date(2015, 10, 9)), result="许可",
        )  # fmt: skip
        return case

    major, ordinary = meeting(True), meeting(False)
    checks_run(by=None, rules=["R5-06", "R3-06", "R5-02"])
    assert found("R5-06") == {late.case_no} and in_time.case_no not in found("R5-06")
    assert found("R3-06") == {major.case_no} and ordinary.case_no not in found("R3-06")
    assert Finding.objects.get(rule="R5-06").deadline == "2015-10-08"
    assert found("R5-02") == {late.case_no}


@pytest.mark.django_db(transaction=True)
def test_worker_processes_find_what_one_process_finds(cast, monkeypatch):
    """The chunks shared among two forked workers give the same breaches in the same order
    and the same input digest (PostgreSQL; an in-memory SQLite test database is not shared
    with forks, so there the work stays in one process). The browser tests' live server
    thread may be running in this process: idle, it is no risk to a fork, so the pool's
    refusal to fork beside other threads is lifted here."""
    from guifan.checks import pool

    monkeypatch.setattr(pool.threading, "active_count", lambda: 1)
    if not pool.can_fork():
        pytest.skip("this test database cannot be shared with a fork")
    for n in range(30):
        complaint_case(cast.unit_a, date(2015, 6, 1), date(2015, 6, 8 + n % 2))
    alone = engine.evaluate(Q(), as_of=TODAY, cal=calendar(), chunk=7, workers=1)
    shared = engine.evaluate(Q(), as_of=TODAY, cal=calendar(), chunk=7, workers=2)
    assert sum(h.rule == "R1-01" for h in alone.hits) == 15 and shared.cases == 30
    assert (shared.hits, shared.input_digest) == (alone.hits, alone.input_digest)


def test_no_fork_beside_other_threads(db, monkeypatch):
    """A web server's or the task worker's process runs other threads: the work stays in it."""
    from guifan.checks import pool

    monkeypatch.setattr(pool.threading, "active_count", lambda: 3)
    assert not pool.can_fork()
    assert list(pool.mapped(lambda i: i * i, 4, workers=2)) == [0, 1, 4, 9]
