"""Grades that agree with the findings (GRADE_RULES) and the look-back answers' shape.

Both are checked by the services (submit, objection decision, 合议, 审定) and shown by the
form page in the same words."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from guifan.cases.models import Grade
from guifan.evaluation.rubric import (
    ANSWER_CHOICES,
    GRADE_RULES,
    MIN_EXPLANATION,
    SEVERITY_ORDER,
)

SEVERITY_LABELS = {"minor": "一般", "flaw": "瑕疵", "serious": "严重"}


def grade_problem(grade: str, severities: Iterable[str], basis: str = "", *,
                  case_level: bool = False) -> str:  # fmt: skip
    """Why ``grade`` does not fit findings of ``severities`` (empty when it fits). At the
    case level (the findings of all its forms) a worse finding of one evaluator is a
    dissent, not an error, except for 优质, which tolerates none."""
    rule = GRADE_RULES.get(grade)
    if rule is None:
        return ""
    found = set(severities)
    label = dict(Grade.choices)[grade]
    if rule["needs"] and not found & set(rule["needs"]):
        needed = "或".join(f"“{SEVERITY_LABELS[s]}”" for s in rule["needs"])
        return _("评为%(g)s须至少有一个%(s)s程度的问题。") % {"g": label, "s": needed}
    worst = SEVERITY_ORDER.index(rule["worst"])
    if case_level and grade != "excellent":
        found = set()
    above = sorted({s for s in found if SEVERITY_ORDER.index(s) > worst}, key=SEVERITY_ORDER.index)
    if above:
        shown = "、".join(f"“{SEVERITY_LABELS[s]}”" for s in above)
        return _("评为%(g)s不能有%(s)s程度的问题：请改变等次，或撤销该问题。") % {
            "g": label,
            "s": shown,
        }
    if rule.get("needs_basis") and rule["needs_basis"] not in (basis or ""):
        return _("评为%(g)s须在评定依据中写明其%(w)s价值。") % {
            "g": label,
            "w": rule["needs_basis"],
        }
    return ""


def check_grade(grade: str, severities: Iterable[str], basis: str = "", *,
                case_level: bool = False) -> None:  # fmt: skip
    problem = grade_problem(grade, severities, basis, case_level=case_level)
    if problem:
        raise ValidationError(problem)


def clean_answers(questions: list[str], raw: dict) -> dict[str, dict]:
    """The look-back answers as {question: {"choice", "note"}}; a bare string (an older
    form) becomes the note."""
    answers = {}
    for question in questions:
        value = raw.get(question) or {}
        if isinstance(value, str):
            value = {"choice": "", "note": value}
        choice = (value.get("choice") or "").strip()
        answers[question] = {
            "choice": choice if choice in ANSWER_CHOICES else "",
            "note": (value.get("note") or "").strip()[:1000],
        }
    return answers


def answer_problems(questions: list[str], answers: dict) -> list[str]:
    """What is missing: a choice for every question, a real explanation when not 是."""
    problems = []
    for question in questions:
        answer = answers.get(question) or {}
        if isinstance(answer, str) or not answer.get("choice"):
            problems.append(_("“%(q)s”请选择是、部分或否") % {"q": question})
        elif answer["choice"] != "是" and len(answer.get("note", "")) < MIN_EXPLANATION:
            problems.append(
                _("“%(q)s”答“%(c)s”须具体说明情况（不少于 %(n)s 个字）")
                % {"q": question, "c": answer["choice"], "n": MIN_EXPLANATION}
            )
    return problems
