"""The demo as loaded into the database: idempotent, one login per role, and a campaign that
stands where it would on 3月25日 — nothing dated later, nothing overdue that could not be,
a humane load per evaluator, grades that agree with their findings, and content with
substance in every unit."""

from collections import Counter
from datetime import date, datetime

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from guifan.accounts.models import User
from guifan.campaigns.models import (
    HeadingRecord,
    MechanismPlan,
    PlanStatus,
    Report,
    SelfExamProblem,
    UnitTask,
)
from guifan.cases.models import Case, CaseFlag
from guifan.demo.draws import MAX_LOAD
from guifan.demo.generator import WORLD_DATE
from guifan.demo.services import demo_load, demo_logins
from guifan.evaluation.models import Assignment, EvaluationForm, Severity
from guifan.journal.models import Entry
from guifan.journal.verbs import Verb
from guifan.org.models import Department, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """One demo for the module's tests (loading takes a while), removed afterwards."""
    with django_db_blocker.unblock(), override_settings(GUIFAN_TODAY=WORLD_DATE):
        try:
            demo_load(cases=2500)
            yield
        finally:  # also when loading failed: the next module must start from an empty database
            call_command("flush", interactive=False, verbosity=0)


def test_nothing_in_the_demo_happened_after_the_evening_before_its_date(demo):
    midnight = timezone.make_aware(datetime.combine(WORLD_DATE, datetime.min.time()))
    # Setting the demo up (loading it, filling the knowledge base, checking every case on
    # the world's morning) happens when it is set up.
    history = Entry.objects.exclude(verb__in=(Verb.DEMO_LOAD, Verb.KB_LOAD, Verb.CHECKS_RUN))
    assert history.exclude(actor_id__isnull=True).exists()
    assert not history.filter(at__gte=midnight).exists()
    assert Case.objects.filter(accept_date__gte=WORLD_DATE).count() == 0
    assert Case.objects.filter(close_date__gte=WORLD_DATE).count() == 0


def test_no_deadline_has_passed_that_could_not_have_on_the_world_date(demo):
    from guifan.complaints.models import Complaint
    from guifan.rectification.models import Item

    assert not UnitTask.objects.filter(deadline__lt=WORLD_DATE).exists()
    assert not Assignment.objects.filter(deadline__lt=WORLD_DATE).exists()
    assert not Item.objects.filter(deadline__lt=WORLD_DATE).exists()
    assert not Complaint.objects.filter(reply_deadline__lt=WORLD_DATE).exists()
    assert not EvaluationForm.objects.filter(
        status="approved", objection_deadline__lt=WORLD_DATE
    ).exists()


def test_every_evaluator_carries_a_humane_load(demo):
    loads = Counter(Assignment.objects.values_list("evaluator_id", flat=True))
    assert loads and max(loads.values()) <= MAX_LOAD


def test_grades_agree_with_findings(demo):
    forms = EvaluationForm.objects.exclude(grade="").prefetch_related("findings")
    seen = Counter()
    for form in forms:
        severities = {f.severity for f in form.findings.all()}
        seen[form.grade] += 1
        if form.grade == "fail":
            assert Severity.SERIOUS in severities
        elif form.grade == "flawed":
            assert Severity.FLAW in severities and Severity.SERIOUS not in severities
        elif form.grade == "excellent":
            assert not severities and "示范" in form.basis
        else:
            assert severities <= {Severity.MINOR}
        notes = {a["note"] for a in form.answers.values()}
        assert len(notes) >= 2 and all(a["choice"] for a in form.answers.values())
    assert {"pass", "flawed"} <= set(seen)


def test_every_evaluated_case_has_one_result_in_every_state(demo):
    from guifan.evaluation.cli_results import result_rows
    from guifan.evaluation.models import CaseResult

    rows = result_rows()
    assert len({(r["campaign"], r["case_no"]) for r in rows}) == len(rows)
    assert set(CaseResult.objects.values_list("status", flat=True)) >= {
        "deliberation",
        "explanation",
        "approval",
        "final",
    } - {"deliberation"}  # every 重点评查 case with both forms fixed is deliberated
    assert CaseResult.objects.filter(status="final").exclude(final_grade="").exists()
    assert not CaseResult.objects.filter(status="final", final_grade="").exists()


def test_every_unit_has_content_with_substance(demo):
    units = set(Unit.objects.filter(tier__in=("city", "county")).values_list("pk", flat=True))
    for unit in units:
        headings = set(
            SelfExamProblem.objects.filter(unit=unit).values_list("heading__label", flat=True)
        )
        assert headings == {"思想教育", "内控机制", "内部监督", "制度执行"}
        assert MechanismPlan.objects.filter(unit=unit).exists()
    assert set(MechanismPlan.objects.values_list("status", flat=True)) == set(PlanStatus.values)
    for task in UnitTask.objects.filter(track__kind="mechanism", status="submitted"):
        assert MechanismPlan.objects.filter(
            unit=task.unit, status__in=(PlanStatus.REPORTED, PlanStatus.RESEARCH)
        ).exists()
    assert not UnitTask.objects.filter(track__kind="evaluation", status="submitted").exists()
    for report in Report.objects.filter(status="submitted").select_related("unit"):
        problems = SelfExamProblem.objects.filter(unit=report.unit).count()
        assert f"共查找问题{problems}个" in report.body


def test_rectification_and_complaints_are_spread_and_one_problem_came_back(demo):
    from guifan.complaints.models import Complaint
    from guifan.rectification.models import Item, Recurrence

    assert len({s for s in Item.objects.values_list("status", flat=True)}) == 4
    assert Item.objects.values("unit").distinct().count() >= 8
    assert Complaint.objects.values("unit").distinct().count() >= 3
    assert Recurrence.objects.filter(earlier__isnull=False).count() == 1
    registered = Complaint.objects.filter(baseline__isnull=True, case_complaint__isnull=True)
    assert date(2016, 3, 1) <= registered.order_by("received_on").first().received_on


def test_the_look_back_starts_from_the_2015_ledgers(demo):
    from guifan.campaigns.models import Campaign
    from guifan.complaints.models import BaselineComplaint, Complaint
    from guifan.rectification.gate import campaign_gate
    from guifan.rectification.models import BaselineItem, Item, Recurrence, Source

    campaign = Campaign.objects.get()
    owed = BaselineItem.objects.owed()
    assert owed.exists() and BaselineItem.objects.filter(status="closed").count() > owed.count()
    taken = Item.objects.filter(campaign=campaign, source=Source.BASELINE)
    assert taken.count() == owed.count()
    uncleared = BaselineComplaint.objects.exclude(status="concluded")
    assert Complaint.objects.filter(baseline__isnull=False).count() == uncleared.count() > 0
    late_letters = Complaint.objects.filter(case_complaint__isnull=False)
    assert late_letters.exists()
    gate = campaign_gate(campaign)
    blocking = {b.id for b in gate.complaints} | {b.id for b in gate.items}
    assert set(late_letters.values_list("pk", flat=True)) <= blocking
    assert set(taken.exclude(status="closed").values_list("pk", flat=True)) <= blocking
    # 临江's recording problem, closed in September 2015, found again in March 2016.
    again = Recurrence.objects.get(earlier_baseline__isnull=False, item__unit__code="980102")
    assert again.earlier_baseline.closed_on == date(2015, 9, 30)


def test_the_office_accepts_and_returns_what_units_report(demo):
    returned = UnitTask.objects.filter(status="returned")
    assert returned.exists() and not returned.filter(review_comment="").exists()
    assert UnitTask.objects.filter(status="accepted").exists()
    assert MechanismPlan.objects.filter(accepted_at__isnull=False).exists()
    assert MechanismPlan.objects.filter(status="issued").exclude(review_comment="").exists()
    for task in UnitTask.objects.filter(status__in=("submitted", "accepted")):
        kind = task.track.kind
        if kind == "self_exam":
            assert SelfExamProblem.objects.filter(unit=task.unit).exists() or task.statement
        elif kind == "mechanism":
            assert MechanismPlan.objects.filter(unit=task.unit).exists() or task.statement


def test_the_city_departments_take_part_with_their_own_liaison(demo):
    city_departments = Department.objects.filter(unit__tier="city").values_list("pk", flat=True)
    tasks = UnitTask.objects.filter(department__isnull=False)
    assert set(tasks.values_list("department", flat=True)) == set(city_departments)
    assert set(tasks.values_list("status", flat=True)) == {"pending", "submitted"}
    for task in tasks.filter(status="submitted"):
        records = HeadingRecord.objects.filter(department=task.department)
        assert records.count() == 4 and all(r.findings or r.none_reason for r in records)
    liaison = User.objects.get(username="deptliaison")
    (task,) = UnitTask.objects.visible_to(liaison)
    assert task.department == liaison.person.department and task.unit.tier == "city"
    assert not Case.objects.visible_to(liaison).exists()
    login = next(row for row in demo_logins() if row["username"] == "deptliaison")
    assert login["role"] == "部门联络员" and task.department.name in login["who"]


def test_units_answer_the_new_norms(demo):
    from guifan.campaigns.models import Norm, NormAdoption

    assert Norm.objects.count() == 2
    statuses = set(NormAdoption.objects.values_list("status", flat=True))
    assert statuses == {"pending", "implemented", "refined"}
    for refined in NormAdoption.objects.filter(status="refined"):
        assert refined.rule_title and refined.rule_document_id


def test_inquiries_are_plausible_and_2015_is_reported_with_one_late_and_one_missing(demo):
    from guifan.draws.models import Selection
    from guifan.inquiries.models import InquiryRecord, QuarterlyReport

    records = InquiryRecord.objects.all()
    behaviours = Counter(records.values_list("behaviour", flat=True))
    assert records.count() >= 40
    assert behaviours.most_common(1)[0][0] == "progress"  # 了解案事件进展, as published
    assert behaviours["progress"] > 0.6 * records.count()
    assert not records.filter(occurred_on__gte=WORLD_DATE).exists()
    q4 = {r.unit.short_name: r for r in QuarterlyReport.objects.filter(year=2015, quarter=4)}
    units = Unit.objects.exclude(tier="province").count()
    assert "青阳" not in q4 and len(q4) == units - 1  # 青阳 has not reported
    assert [name for name, r in q4.items() if r.late] == ["石桥"]
    assert QuarterlyReport.objects.filter(year=2015).count() == 4 * units - 1
    assert QuarterlyReport.objects.filter(is_zero=True).exists()
    assert not QuarterlyReport.objects.filter(year=2016).exists()  # Q1 2016 not due yet
    for report in QuarterlyReport.objects.filter(is_zero=False)[:5]:
        assert report.total == records.filter(
            unit=report.unit, occurred_on__year=report.year,
            occurred_on__month__in=range(3 * report.quarter - 2, 3 * report.quarter + 1),
        ).count()  # fmt: skip
    assert not records.filter(
        affected_case=True, received_at__isnull=True, reported_on__lt=date(2016, 3, 18)
    ).exists()  # 立即报告 taken in by discipline inspection
    drawn = set(Selection.objects.filter(draw__rule__code="k09").values_list("case", flat=True))
    # K09 is one population: the cases with a 2015 record and those flagged 违纪/过问 in 2015.
    flagged = CaseFlag.objects.filter(
        kind__in=("discipline", "intervention"), flagged_on__year=2015
    ).values_list("case", flat=True)
    recorded = records.filter(occurred_on__year=2015).values_list("case", flat=True)
    assert drawn == set(recorded) | set(flagged) and set(flagged) - set(recorded)
