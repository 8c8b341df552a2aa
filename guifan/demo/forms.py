"""The demo's 登记表 on 3月25日: ten days into the evaluation, a part of every evaluator's
cases evaluated, in every state of the workflow, with findings that cite the article the
case type rests on, grades that agree with the findings and look-back answers that differ.

The demo accounts' own forms are set up so that each role finds work in every state: the
demo evaluator has a form to start, one in progress, one with the team lead, one returned
and one final; the demo handler has results in the objection window, objected and decided.
"""

from __future__ import annotations

import random

from django.db import transaction

from guifan.accounts.models import User
from guifan.campaigns.models import Campaign
from guifan.cases import kinds as K
from guifan.demo import texts
from guifan.demo.campaign import at
from guifan.demo.results import ensure_results
from guifan.evaluation import objections, workflow
from guifan.evaluation import services as evaluation
from guifan.evaluation.models import Assignment, EvaluationForm

# Share of the other evaluators' tasks in each state on 3月25日, capped in number.
STATES = (("final", 8), ("approved", 5), ("objected", 2), ("submitted", 6), ("returned", 2),
          ("in_progress", 10))  # fmt: skip
MAX_FORMS = 700
STAGE_FINDINGS = {
    K.Stage.PROSECUTION_REVIEW: "审查起诉",
    K.Stage.ARREST_REVIEW: "审查逮捕",
    K.Stage.INVESTIGATION: "侦查",
    K.Stage.INQUIRY: "侦查",
    K.Stage.CIVIL: "民事行政",
    K.Stage.COMPLAINT: "控告申诉",
}


def ensure_forms(campaign: Campaign, seed: int = 2016) -> None:
    if (
        not campaign.assignments.exists()
        or EvaluationForm.objects.filter(assignment__campaign=campaign).exists()
    ):
        return
    office = User.objects.get(username="office")
    lead = User.objects.get(username="teamlead")
    evaluator = User.objects.get(username="evaluator")
    handler = User.objects.get(username="handler")
    _team(campaign, office, lead, evaluator)
    rng = random.Random(f"{seed}:forms")
    mine = list(
        campaign.assignments.filter(evaluator=evaluator.person).order_by("case__case_no_norm")
    )
    theirs = list(
        campaign.assignments.filter(case__handler=handler.person)
        .exclude(evaluator__in=[lead.person, evaluator.person])
        .order_by("case__case_no_norm")
    )
    if len(mine) >= 5:
        workflow.form_for(mine[0])  # opened, not started
        for task, state in zip(
            mine[1:5], ("in_progress", "submitted", "returned", "final"), strict=True
        ):
            _work(task, state, rng, office, lead, handler)
    for task, state in zip(theirs[:3], ("approved", "objected", "decided"), strict=False):
        _work(task, state, rng, office, lead, handler)
    taken = {t.pk for t in mine} | {t.pk for t in theirs[:3]}
    others = [t for t in campaign.assignments.order_by("pk") if t.pk not in taken]
    rng.shuffle(others)
    budget = min(MAX_FORMS, len(others) * sum(s for _, s in STATES) // 100)
    start = 0
    for state, share in STATES:
        count = budget * share // sum(s for _, s in STATES)
        for task in others[start : start + count]:
            _work(task, state, rng, office, lead, handler)
        start += count
    with at(24, 9):
        objections.forms_finalize_due()  # the results whose objection window has passed
    ensure_results(campaign, office, lead)


def _team(campaign: Campaign, office, lead, evaluator) -> None:
    """The demo team lead leads the evaluators of his own line and the demo evaluator; the
    office reviews the rest."""
    if campaign.teams.exists():
        return
    line = lead.person.department.line
    people = {a.evaluator for a in campaign.assignments.select_related("evaluator__department")}
    members = sorted(
        (
            p
            for p in people
            if p.pk != lead.person_id
            and (p.pk == evaluator.person_id or (p.department and p.department.line == line))
        ),
        key=lambda p: p.staff_no,
    )
    if members:
        with at(15, 11):
            evaluation.team_create(
                campaign=campaign, by=office, name="第一评查组", lead=lead.person, members=members
            )


def _content(task: Assignment, rng: random.Random, grade: str | None = None) -> dict:
    """Findings from the bank of the case's stage, and the grade they call for."""
    kind = next((k for k in K.KINDS if k.category == task.case.category), None)
    bank = texts.FINDINGS.get(STAGE_FINDINGS.get(kind.stage if kind else "", ""), ())
    count = rng.choices((0, 1, 2), weights=(45, 40, 15))[0] if bank else 0
    picked = rng.sample(bank, min(count, len(bank)))
    categories = workflow.rubric_for(task.campaign).categories
    findings = [
        {"dimension": dim, "category": categories[cat], "description": text, "legal_basis": basis,
         "severity": severity, "location": f"第{rng.randint(1, 3)}卷第{rng.randint(3, 180)}页",
         "rectify": rectify}
        for dim, cat, text, basis, severity, rectify in picked
    ]  # fmt: skip
    severities = {f["severity"] for f in findings}
    if grade is None:
        grade = "fail" if "serious" in severities else "flawed" if "flaw" in severities else "pass"
        if not findings and rng.random() < 0.1:
            grade = "excellent"
    basis = {
        "excellent": "事实清楚，证据确实充分，释法说理透彻，对同类案件办理具有示范价值",
        "pass": "事实清楚，证据确实充分，适用法律正确，程序合法"
        + ("，个别问题不影响案件质量" if findings else ""),
        "flawed": "存在程序瑕疵，但不影响案件结论的正确性和效力",
        "fail": "严重违反法定程序，须依法纠正并移送追究责任",
    }[grade]
    answers = {
        q: dict(zip(("choice", "note"), rng.choice(options), strict=True))
        for q, options in texts.ANSWERS.items()
    }
    return {"grade": grade, "basis": basis, "findings": findings, "answers": answers}


def _work(task: Assignment, state: str, rng: random.Random, office, lead, handler) -> None:
    """Take one task's form as far as ``state``, on plausible days of the evaluation: the
    results now final were evaluated on the first day (their objection window has passed);
    those in the window were approved from 3月18日 on, so that it is still open."""
    content = _content(task, rng)
    early = state in ("final", "decided", "objected")
    day = 16 if early else rng.randint(16, 20 if state == "approved" else 23)
    with transaction.atomic(), at(day, 14, rng.randint(0, 59)):
        form = workflow.form_for(task)
        found = {f["dimension"] for f in content["findings"]}
        content["clear_dimensions"] = [d for d in form.rubric.dimensions if d not in found]
        form = workflow.form_save(form=form, by=None, version=form.version, **content)
    if state == "in_progress":
        return
    with at(day, 17, 30):
        workflow.form_submit(form=form, by=None)
    reviewer = lead if task.team_id else office
    if state == "returned":
        with at(day + 1, 11):
            workflow.form_return(form=form, by=reviewer, comment=_return_comment(content))
        return
    if state == "submitted":
        return
    with at(day if early else max(day + 1, 18), 18):
        workflow.form_approve(form=form, by=reviewer, comment="同意评查意见")
    if state in ("objected", "decided"):
        objector = handler if task.case.handler_id == handler.person_id else None
        with at(20, 10):
            objections.form_object(
                form=form, by=objector, reason="该问题已于2015年整改，卷内附有情况说明，请复核"
            )
    if state == "decided":
        with at(23, 16):
            objections.objection_decide(
                form=form, by=office, grade=form.grade, decision="经审查，异议不成立，维持原评定"
            )


def _return_comment(content: dict) -> str:
    if content["grade"] == "excellent":
        return "评为优质须写明示范价值的具体方面，请补充评定依据"
    if content["findings"]:
        return "问题描述请写明卷宗页码，依据条款请写到条"
    return "请核对受理、审结日期和期限计算，补充评定依据"
