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

from guifan.campaigns.models import MechanismPlan, PlanStatus, Report, SelfExamProblem, UnitTask
from guifan.cases.models import Case
from guifan.demo.draws import MAX_LOAD
from guifan.demo.generator import WORLD_DATE
from guifan.demo.services import demo_load
from guifan.evaluation.models import Assignment, EvaluationForm, Severity
from guifan.journal.models import Entry
from guifan.journal.verbs import Verb
from guifan.org.models import Unit

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
        assert len(set(form.answers.values())) >= 2  # look-back answers that differ
    assert {"pass", "flawed"} <= set(seen)


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
    assert Recurrence.objects.count() == 1
    assert date(2016, 3, 1) <= Complaint.objects.order_by("received_on").first().received_on
