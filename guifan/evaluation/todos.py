"""待办 of the evaluation: tasks to evaluate, forms to fix or review, results to answer,
objections to decide."""

from django.db.models import Count, Max
from django.urls import reverse
from django.utils.translation import gettext as _

from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.evaluation.models import Assignment, EvaluationForm, FormStatus
from guifan.evaluation.models.forms import HANDED_IN
from guifan.web.todos import Todo, todo_provider

KIND = _("案件评查")


@todo_provider
def evaluator_todos(user):
    scope = scope_of(user)
    if not (user.person_id and scope.has(Role.EVALUATOR, Role.TEAM_LEAD)):
        return []
    todos = []
    mine = Assignment.objects.filter(evaluator_id=user.person_id)
    open_tasks = mine.exclude(form__status__in=HANDED_IN)
    # order_by(): the models' orderings reach through case and evaluator, and Django keeps
    # those joins in a grouped query even though it drops the ordering (a join of the case
    # table on every 工作台 view: 105 ms → 8 ms at 50,000 cases).
    rows = (
        open_tasks.order_by()
        .values("campaign__name", "deadline")
        .annotate(n=Count("pk"), chased=Max("chase_count"))
    )
    for row in rows:
        title = _("%(n)d 件案件待评查") % {"n": row["n"]}
        if row["chased"]:
            title += _("（已催办 %(c)d 次）") % {"c": row["chased"]}
        todos.append(
            Todo(KIND, title, reverse("evaluation:mine"), source=row["campaign__name"],
                 deadline=row["deadline"])
        )  # fmt: skip
    returned = EvaluationForm.objects.filter(
        assignment__evaluator_id=user.person_id, status=FormStatus.RETURNED
    ).select_related("assignment__case")
    for form in returned:
        url = reverse("evaluation:form", args=[form.assignment_id])
        title = _("%(case)s 的登记表被退回，请修改") % {"case": form.assignment.case.case_no}
        todos.append(Todo(KIND, title, url, deadline=form.assignment.deadline))
    return todos


@todo_provider
def review_todos(user):
    if not (user.person_id and scope_of(user).has(Role.TEAM_LEAD)):
        return []
    waiting = EvaluationForm.objects.filter(
        assignment__team__lead_id=user.person_id, status=FormStatus.SUBMITTED
    ).count()
    if not waiting:
        return []
    return [Todo(KIND, _("%(n)d 份登记表待复核") % {"n": waiting}, reverse("evaluation:reviews"))]


@todo_provider
def handler_todos(user):
    if not (user.person_id and scope_of(user).has(Role.HANDLER)):
        return []
    forms = EvaluationForm.objects.filter(
        assignment__case__handler_id=user.person_id, status=FormStatus.APPROVED
    ).select_related("assignment__case")
    return [
        Todo(
            KIND,
            _("%(case)s 的评查结果已反馈，如有异议请在期限内提出")
            % {"case": f.assignment.case.case_no},
            reverse("evaluation:form_detail", args=[f.pk]),
            deadline=f.objection_deadline,
        )
        for f in forms
        if f.objection_open
    ]


@todo_provider
def office_todos(user):
    units = scope_of(user).units_for(Role.OFFICE)
    if not units:
        return []
    unteamed = (
        EvaluationForm.objects.filter(
            status=FormStatus.SUBMITTED,
            assignment__team__isnull=True,
            assignment__campaign__issuing_unit__in=units,
        )
        .order_by()  # see evaluator_todos
        .values("assignment__campaign_id", "assignment__campaign__name")
        .annotate(n=Count("pk"))
    )
    todos = [
        Todo(
            KIND,
            _("%(n)d 份未编入评查组的登记表待复核") % {"n": row["n"]},
            reverse("evaluation:overview", args=[row["assignment__campaign_id"]])
            + "?status=submitted",
            source=row["assignment__campaign__name"],
        )
        for row in unteamed
    ]
    rows = (
        EvaluationForm.objects.filter(
            status=FormStatus.OBJECTED, assignment__campaign__issuing_unit__in=units
        )
        .order_by()  # see evaluator_todos
        .values("assignment__campaign_id", "assignment__campaign__name")
        .annotate(n=Count("pk"))
    )
    return todos + [
        Todo(
            KIND,
            _("%(n)d 件评查结果异议待决定") % {"n": row["n"]},
            reverse("evaluation:overview", args=[row["assignment__campaign_id"]])
            + "?status=objected",
            source=row["assignment__campaign__name"],
        )
        for row in rows
    ]


RESULT_STEPS = (
    ("deliberation", _("%(n)d 件重点评查案件待评查组合议")),
    ("explanation", _("%(n)d 件评查结论待听取承办人说明")),
    ("approval", _("%(n)d 件评查结论待审定")),
)


@todo_provider
def result_todos(user):
    """The case conclusions waiting for the office: 合议, 听取说明, 审定."""
    from guifan.evaluation.models import CaseResult

    units = scope_of(user).units_for(Role.OFFICE)
    if not units:
        return []
    rows = (
        CaseResult.objects.filter(
            campaign__issuing_unit__in=units, status__in=[s for s, _t in RESULT_STEPS]
        )
        .values("campaign_id", "campaign__name", "status")
        .annotate(n=Count("pk"))
        .order_by("campaign_id", "status")
    )
    titles = dict(RESULT_STEPS)
    return [
        Todo(
            KIND,
            titles[row["status"]] % {"n": row["n"]},
            reverse("evaluation:results_overview", args=[row["campaign_id"]])
            + f"?status={row['status']}",
            source=row["campaign__name"],
        )
        for row in rows
    ]
