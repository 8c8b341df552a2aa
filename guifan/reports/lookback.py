"""The four 回头看 questions of the 登记表 answered 是 / 部分 / 否, by question and by unit.

The answers sit in ``EvaluationForm.answers`` (JSON: question → {"choice", "note"}). They are
counted in the database with JSON key lookups, which Django compiles for SQLite
(``JSON_EXTRACT``) and PostgreSQL (``->``) alike: one grouped query whatever the number of
forms, with a conditional count per question and answer (see docs/DECISIONS.md).
"""

from __future__ import annotations

from django.db.models import Count, Q

from guifan.campaigns.models import Campaign
from guifan.evaluation.rubric import ANSWER_CHOICES
from guifan.evaluation.workflow import rubric_for
from guifan.org.models import Unit
from guifan.reports.grades import result_forms
from guifan.reports.selectors import report_units
from guifan.reports.tables import Table, rate


def _field(index: int, choice_index: int) -> str:
    return f"q{index}_{choice_index}"


def lookback_counts(*, campaign: Campaign, user, unit: Unit | None = None) -> dict:
    """(unit id → {question → [是, 部分, 否]}) over the forms with a result, one query."""
    units = report_units(campaign=campaign, user=user, unit=unit)
    questions = list(rubric_for(campaign).questions)
    counts = {
        _field(i, j): Count("id", filter=Q(**{f"answers__{question}__choice": choice}))
        for i, question in enumerate(questions)
        for j, choice in enumerate(ANSWER_CHOICES)
    }
    rows = (
        result_forms(campaign=campaign, user=user, unit=unit)
        .order_by()
        .values("assignment__case__unit_id")
        .annotate(**counts)
    ) if questions else []  # fmt: skip
    found = {}
    for row in rows:
        found[row["assignment__case__unit_id"]] = {
            question: [row[_field(i, j)] for j in range(len(ANSWER_CHOICES))]
            for i, question in enumerate(questions)
        }
    return {"questions": questions, "units": units, "counts": found}


def lookback_answers(*, campaign: Campaign, user, unit: Unit | None = None) -> list[Table]:
    """Two tables: each question's answers over all units, and each unit's per question."""
    counted = lookback_counts(campaign=campaign, user=user, unit=unit)
    questions, found = counted["questions"], counted["counts"]
    choices = list(ANSWER_CHOICES)
    by_question = Table.stacked(
        key="lookback_question",
        title="回头看问题答复情况",
        label="回头看问题",
        parts=choices,
        more=["合计", "答“是”占比（%）"],
        note="单位：份。每份已出结果的评查登记表对每个问题作一次答复。",
    )
    for question in questions:
        mine = [sum(found[u][question][j] for u in found) for j in range(len(choices))]
        by_question.rows.append([question, *mine, sum(mine), rate(mine[0], sum(mine))])
    by_unit = Table(
        key="lookback_unit",
        title="各单位回头看问题答复情况",
        columns=["单位", "回头看问题", *choices, "合计"],
        chart="",
        note="单位：份。",
    )
    for u in counted["units"]:
        for question in questions:
            mine = found.get(u.pk, {}).get(question, [0] * len(choices))
            by_unit.rows.append([u.short_name, question, *mine, sum(mine)])
    return [by_question, by_unit]
