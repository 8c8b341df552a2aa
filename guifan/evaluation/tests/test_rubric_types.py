"""Rubrics per case type: each type's dimensions and 评查要点 as data, versioned per
campaign; a form takes the rubric of its case's type and keeps its version; every
dimension is concluded — findings or 未发现问题 ticked, stored as ticked; optional scores."""

import pytest
from django.core.exceptions import ValidationError

from guifan.cases.models import Case
from guifan.evaluation import rubrics, workflow
from guifan.evaluation.models import Rubric
from guifan.evaluation.rubric_types import CONDUCT, TYPES, type_of
from guifan.testing.factories import DepartmentFactory

from .test_forms import FINDING, _save, _task, team  # noqa: F401

LINES = {
    "arrest": "zhenjian",
    "prosecution": "gongsu",
    "self_investigation": "fantan",
    "civil_admin": "minxing",
    "complaint": "kongshen",
    "default": "weijian",
}


def test_every_type_has_its_points_and_the_campaigns_subject():
    assert set(TYPES) == set(LINES)
    for key, data in TYPES.items():
        dims = list(data["points"])
        assert {"司法作风与办案纪律", "涉案财物处置"} <= set(dims), key
        assert all(data["points"][d] for d in dims), f"{key}: a dimension without 评查要点"
        assert dims[-2:] == list(CONDUCT)
    assert "逮捕必要性" in TYPES["arrest"]["points"]
    assert "审判监督" in TYPES["prosecution"]["points"]
    assert "强制措施" in TYPES["self_investigation"]["points"]


def _of_type(task, case_type, cast):
    department = DepartmentFactory(unit=task.case.unit, line=LINES[case_type])
    Case.objects.filter(pk=task.case_id).update(department=department)
    if case_type == "default":  # neither line nor category of another type
        Case.objects.filter(pk=task.case_id).update(category="羁押必要性审查")
    task.case.refresh_from_db()
    return task


@pytest.mark.parametrize("case_type", list(LINES))
def test_a_form_follows_the_rubric_of_its_case_type(team, cast, case_type):  # noqa: F811
    task = _of_type(_task(team, cast), case_type, cast)
    assert type_of(task.case) == case_type
    form = workflow.form_for(task)
    assert (form.rubric.case_type, form.rubric.version) == (case_type, 1)
    assert form.rubric.dimensions == list(TYPES[case_type]["points"])
    assert form.rubric.points["涉案财物处置"][0].startswith("查封、扣押、冻结")
    # The grade scheme, categories and look-back questions are the campaign's.
    base = rubrics.rubric_for(team)
    assert (form.rubric.scheme, form.rubric.questions) == (base.scheme, base.questions)


def test_an_existing_form_keeps_its_rubric_version(team, cast):  # noqa: F811
    first_task, second_task = team.assignments.select_related("case").order_by("pk")[:2]
    first = _of_type(first_task, "prosecution", cast)
    form = workflow.form_for(first)
    old = form.rubric
    newer = Rubric.objects.create(
        campaign=team, case_type="prosecution", version=2, scheme=old.scheme,
        dimensions=[*old.dimensions, "出庭支持公诉"], points=old.points,
        categories=old.categories, questions=old.questions, created_at=old.created_at,
    )  # fmt: skip
    assert workflow.form_for(first).rubric == old  # the form stays on version 1
    assert rubrics.rubric_for(team, "prosecution") == newer
    second = _of_type(second_task, "prosecution", cast)
    assert workflow.form_for(second).rubric == newer


def test_each_dimension_needs_a_finding_or_no_problem_ticked(team, cast):  # noqa: F811
    task = _of_type(_task(team, cast), "arrest", cast)
    form = workflow.form_for(task)
    form.findings.all().delete()
    form = _save(form, cast.evaluator, clear_dimensions=[])
    assert form.clear_dimensions == []  # nothing inferred from there being no finding
    with pytest.raises(ValidationError, match=r"既未记录问题，也未标明“未发现问题”：.*逮捕必要性"):
        workflow.form_submit(form=form, by=cast.evaluator)
    everything = list(form.rubric.dimensions)
    form = _save(form, cast.evaluator, clear_dimensions=everything)
    with pytest.raises(ValidationError, match="标明“未发现问题”却记有问题：办案程序"):
        workflow.form_submit(form=form, by=cast.evaluator)
    with pytest.raises(ValidationError, match="不在本登记表标准中"):
        _save(form, cast.evaluator, clear_dimensions=["审判监督"])  # a prosecution dimension
    rest = [d for d in everything if d != FINDING["dimension"]]
    form = _save(form, cast.evaluator, clear_dimensions=rest)
    workflow.form_submit(form=form, by=cast.evaluator)
    form.refresh_from_db()
    assert form.clear_dimensions == rest and form.status == "submitted"


def test_scores_only_where_the_setting_enables_them(team, cast, settings):  # noqa: F811
    form = workflow.form_for(_task(team, cast))
    with pytest.raises(ValidationError, match="未启用维度评分"):
        _save(form, cast.evaluator, scores={"办案程序": "80"})
    settings.GUIFAN_EVALUATION_SCORES = True
    with pytest.raises(ValidationError, match="0 到 100 的整数"):
        _save(form, cast.evaluator, scores={"办案程序": "120"})
    form = _save(form, cast.evaluator, scores={"办案程序": "80", "法律文书": ""})
    assert form.scores == {"办案程序": 80}
