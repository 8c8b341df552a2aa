"""Assignment through services, pages, API and CLI: recusal holds, loads balance, the same
batch gives the same result, and every screen refuses the wrong user."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from guifan.cli import main
from guifan.core.roles import Role
from guifan.draws import services as draws
from guifan.draws.models import Draw
from guifan.evaluation import services
from guifan.journal.models import Entry
from guifan.journal.verbs import Verb
from guifan.org.models import Relation, Tier
from guifan.testing.factories import PersonFactory, UnitFactory, UserFactory, grant


@pytest.fixture
def other_office(cast):
    city = UnitFactory(code="970200", short_name="他市", tier=Tier.CITY, parent=cast.province)
    user = UserFactory(username="other_office", person=PersonFactory(unit=city))
    grant(user, Role.OFFICE, city)
    return user


@pytest.fixture
def with_test_evaluator(drawn_campaign, cast):
    """The cast's evaluator (unit B) added by hand to the drawn evaluators, then assigned."""
    draw = Draw.objects.get(rule__campaign=drawn_campaign, rule_code="evaluators")
    draws.draw_add_manual(
        draw=draw, by=cast.office, person=cast.evaluator.person, line="gongsu", reason="补充"
    )
    services.assignment_run(campaign=drawn_campaign, by=cast.office)
    return drawn_campaign


def test_every_case_is_assigned_without_recusal_and_balanced(assigned):
    rows = list(assigned.assignments.select_related("case__unit", "evaluator__unit"))
    # 18 cases: the supervised one needs two evaluators.
    assert len({a.case_id for a in rows}) == 18 and len(rows) == 19
    assert all(a.case.unit_id != a.evaluator.unit_id for a in rows)
    loads = {}
    for a in rows:
        loads[a.evaluator_id] = loads.get(a.evaluator_id, 0) + 1
    assert max(loads.values()) - min(loads.values()) <= 1 and len(loads) == 7
    recheck = [a for a in rows if "复查" in a.reasons]
    assert recheck and all(a.recheck for a in recheck)


def test_the_same_batch_gives_the_same_assignment_and_both_are_journaled(assigned, cast):
    first = assigned.assignment_runs.get()
    second = services.assignment_run(campaign=assigned, by=cast.office)
    assert (second.input_hash, second.output_hash) == (first.input_hash, first.output_hash)
    payloads = Entry.objects.filter(verb=Verb.ASSIGN_RUN).values_list("payload", flat=True)
    assert all(first.output_hash in p for p in payloads) and len(payloads) == 2


def test_an_impossible_batch_is_explained_and_keeps_the_assignment(assigned, cast, login):
    before = set(assigned.assignments.values_list("case_id", "evaluator_id"))
    run = services.assignment_run(campaign=assigned, by=cast.office, max_load=1)
    assert not run.feasible and run.explanations[0]["kind"] == "capacity"
    assert set(assigned.assignments.values_list("case_id", "evaluator_id")) == before
    page = login(cast.office).get(reverse("evaluation:assign", args=[assigned.pk])).text
    assert "共需 19 人次评查，评查人员的上限合计只有 7 件" in page


def test_a_declared_conflict_is_respected(drawn_campaign, cast):
    from guifan.cases.models import Case

    draw = Draw.objects.get(rule__campaign=drawn_campaign, rule_code="evaluators")
    evaluators = [s.person for s in draw.selections.select_related("person")]
    spouse = PersonFactory(unit=cast.unit_a)
    batch = Case.objects.filter(selections__isnull=False, unit=cast.unit_a).distinct()
    batch.update(handler=spouse)
    declared = next(e for e in evaluators if e.unit_id != cast.unit_a.pk)
    services.conflict_declare(
        campaign=drawn_campaign,
        person=declared,
        other=spouse,
        relation=Relation.KIN,
        by=cast.office,
    )
    # Loads are left loose: with balanced bounds unit A's cases would not fit the others.
    run = services.assignment_run(campaign=drawn_campaign, by=cast.office, min_load=0, max_load=19)
    assert run.feasible, run.explanations
    assert not drawn_campaign.assignments.filter(
        evaluator=declared, case__unit=cast.unit_a
    ).exists()
    reasons = services.why_not(campaign=drawn_campaign, person=declared, case=batch.first())
    assert reasons and "申报了与该案承办或审批人员" in reasons[0]


def test_a_hand_move_to_a_recused_evaluator_is_refused_with_the_reason(assigned, cast):
    task = assigned.assignments.select_related("case__unit").first()
    same_unit = next(
        a.evaluator for a in assigned.assignments.select_related("evaluator")
        if a.evaluator.unit_id == task.case.unit_id
    ) if assigned.assignments.filter(evaluator__unit=task.case.unit).exists() else None  # fmt: skip
    drawn = Draw.objects.get(rule__campaign=assigned, rule_code="evaluators")
    same_unit = same_unit or next(
        s.person
        for s in drawn.selections.select_related("person")
        if s.person.unit_id == task.case.unit_id
    )
    with pytest.raises(ValidationError, match=r"须回避.*不评查本单位"):
        services.assignment_move(assignment=task, to=same_unit, reason="均衡工作量", by=cast.office)
    other = next(
        s.person for s in drawn.selections.select_related("person")
        if s.person.unit_id != task.case.unit_id and s.person.pk != task.evaluator_id
        and not assigned.assignments.filter(case=task.case, evaluator=s.person).exists()
    )  # fmt: skip
    with pytest.raises(ValidationError, match="理由"):
        services.assignment_move(assignment=task, to=other, reason=" ", by=cast.office)
    moved = services.assignment_move(
        assignment=task, to=other, reason="原评查人出差", by=cast.office
    )
    assert (moved.evaluator, moved.manual, moved.moved_from_id) == (other, True, task.evaluator_id)
    assert Entry.objects.filter(verb=Verb.ASSIGN_MOVE).count() == 1


def test_the_assign_page_refuses_the_wrong_user(assigned, cast, login, other_office):
    url = reverse("evaluation:assign", args=[assigned.pk])
    for who in ("liaison_a", "evaluator", "handler", "sysadmin"):
        assert login(getattr(cast, who)).get(url).status_code == 403, who
    assert login(other_office).get(url).status_code == 404
    page = login(cast.inspector).get(url)
    assert page.status_code == 200 and 'data-testid="run-form"' not in page.text
    assert login(cast.inspector).post(url, {"key_need": 2}).status_code == 200
    assert assigned.assignment_runs.count() == 1  # the inspector's post ran nothing
    task = assigned.assignments.first()
    move = reverse("evaluation:move", args=[task.pk])
    assert login(cast.inspector).post(move, {"to": "x", "reason": "y"}).status_code == 403
    assert login(other_office).post(move, {"to": "x", "reason": "y"}).status_code == 404
    export = reverse("evaluation:export", args=[assigned.pk])
    assert login(cast.liaison_a).get(export).status_code == 403
    assert login(other_office).get(export).status_code == 404


def _insider(campaign, case):
    """A drawn evaluator of the case's own unit."""
    draw = Draw.objects.get(rule__campaign=campaign, rule_code="evaluators")
    return next(s.person for s in draw.selections.all() if s.person.unit_id == case.unit_id)


def test_the_office_runs_and_asks_why_not_on_the_page(drawn_campaign, cast, login):
    client = login(cast.office)
    url = reverse("evaluation:assign", args=[drawn_campaign.pk])
    page = client.post(url, {"key_need": 2}, follow=True).text
    assert "已分配 18 件案件" in page
    task = drawn_campaign.assignments.select_related("case", "evaluator").first()
    ask = {"why-evaluator": task.evaluator.staff_no, "why-case": task.case.case_no}
    assert "无须回避" in client.get(url, ask).text
    case = drawn_campaign.assignments.filter(case__unit=cast.unit_a).first().case
    ask = {"why-evaluator": _insider(drawn_campaign, case).staff_no, "why-case": case.case_no}
    assert "不评查本单位" in client.get(url, ask).text
    # Only this campaign's evaluators and cases can be asked about.
    ask = {"why-evaluator": cast.handler.person.staff_no, "why-case": case.case_no}
    assert "不是本次的评查人员" in client.get(url, ask).text


def test_rerunning_over_hand_moves_needs_confirmation(assigned, cast):
    task = assigned.assignments.select_related("case").first()
    draw = Draw.objects.get(rule__campaign=assigned, rule_code="evaluators")
    other = next(
        s.person for s in draw.selections.all()
        if s.person.unit_id != task.case.unit_id
        and not assigned.assignments.filter(case=task.case, evaluator=s.person).exists()
    )  # fmt: skip
    services.assignment_move(assignment=task, to=other, reason="请假", by=cast.office)
    with pytest.raises(ValidationError, match="撤销人工调整"):
        services.assignment_run(campaign=assigned, by=cast.office)
    assert assigned.assignments.filter(manual=True).count() == 1
    services.assignment_run(campaign=assigned, by=cast.office, discard_moves=True)
    assert not assigned.assignments.filter(manual=True).exists()


def test_caps_must_name_drawn_evaluators(drawn_campaign, cast):
    with pytest.raises(ValidationError, match="NOPE0001"):
        services.assignment_run(campaign=drawn_campaign, by=cast.office, caps={"NOPE0001": 2})


def test_a_redraw_clears_the_stale_assignment(assigned, cast):
    draw = Draw.objects.get(rule__campaign=assigned, rule_code="new")
    draws.draw_redo(draw=draw, by=cast.office, reason="补录了漏报案件")
    assert not assigned.assignments.exists()


def test_evaluators_see_only_their_own_tasks_and_cases(with_test_evaluator, cast, login):
    client = login(cast.evaluator)
    mine = list(with_test_evaluator.assignments.filter(evaluator=cast.evaluator.person))
    assert mine
    page = client.get(reverse("evaluation:mine")).text
    assert all(a.case.case_no in page for a in mine)
    others = with_test_evaluator.assignments.exclude(case__in=[a.case_id for a in mine])
    assert not any(a.case.case_no in page for a in others)
    assert client.get(reverse("cases:detail", args=[mine[0].case_id])).status_code == 200
    assert client.get(reverse("cases:detail", args=[others.first().case_id])).status_code == 404
    rows = client.get("/api/evaluation/assignments").json()
    assert {r["evaluator_staff_no"] for r in rows} == {cast.evaluator.person.staff_no}
    assert login(cast.liaison_a).get(reverse("evaluation:mine")).status_code == 403


def test_the_api_is_scoped_and_answers_why_not(assigned, cast, login, other_office):
    rows = login(cast.office).get(f"/api/evaluation/assignments?campaign={assigned.pk}").json()
    assert len(rows) == 19 and {"case_no", "evaluator_staff_no", "reasons", "recheck"} <= set(
        rows[0]
    )
    assert login(other_office).get("/api/evaluation/assignments").json() == []
    assert login(cast.liaison_a).get("/api/evaluation/assignments").status_code == 403
    case = assigned.assignments.filter(case__unit=cast.unit_a).first().case
    query = (
        f"campaign={assigned.pk}&evaluator={_insider(assigned, case).staff_no}&case={case.case_no}"
    )
    url = f"/api/evaluation/why-not?{query}"
    answer = login(cast.office).get(url).json()
    assert answer["eligible"] is False and "本单位" in answer["reasons"][0]
    assert login(other_office).get(url).status_code == 404
    assert login(cast.evaluator).get(url).status_code == 403
    outsider = (
        f"campaign={assigned.pk}&evaluator={cast.handler.person.staff_no}&case={case.case_no}"
    )
    assert login(cast.office).get(f"/api/evaluation/why-not?{outsider}").status_code == 404


def test_cli_prints_one_object_per_assignment(assigned, capsys):
    assert main(["evaluation", "assignments", "--campaign", str(assigned.pk), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)  # one document
    assert len(rows) == 19
    keys = {"case", "case_unit", "handler", "evaluator", "evaluator_unit", "reasons", "recheck"}
    assert keys | {"original_evaluators"} <= set(rows[0])
    assert any(r["reasons"] == ["重点评查"] for r in rows)


def test_the_office_forms_a_team_on_the_page(assigned, cast, login, other_office):
    url = reverse("evaluation:team_create", args=[assigned.pk])
    draw = Draw.objects.get(rule__campaign=assigned, rule_code="evaluators")
    members = [s.person.staff_no for s in draw.selections.all()]
    data = {"name": "第二组", "lead": cast.team_lead.person.staff_no, "members": " ".join(members)}
    assert login(cast.inspector).post(url, data).status_code == 403
    assert login(other_office).post(url, data).status_code == 404
    page = login(cast.office).post(url, data | {"members": "NOPE0001"}, follow=True).text
    assert "没有这些工号的人员：NOPE0001" in page
    page = login(cast.office).post(url, data, follow=True).text
    assert "评查组已组建" in page
    team = assigned.teams.get()
    assert team.lead == cast.team_lead.person and team.members.count() == len(members)
    assert not assigned.assignments.filter(team__isnull=True).exists()
    page = login(cast.office).post(url, data | {"name": "第三组"}, follow=True).text
    assert "已在其他评查组中" in page


def test_a_rerun_keeps_teams_and_drops_forms_opened_but_never_saved(assigned, cast):
    from guifan.evaluation.models import EvaluationForm
    from guifan.evaluation.workflow import form_for

    draw = Draw.objects.get(rule__campaign=assigned, rule_code="evaluators")
    members = [s.person for s in draw.selections.all()]
    team = services.team_create(
        campaign=assigned, by=cast.office, name="第一组", lead=cast.team_lead.person,
        members=members,
    )  # fmt: skip
    form_for(assigned.assignments.first())  # opened, nothing written
    run = services.assignment_run(campaign=assigned, by=cast.office)
    rows = list(assigned.assignments.select_related("case"))
    assert len(rows) == 19 and {a.team_id for a in rows} == {team.pk}
    assert {a.run_id for a in rows} == {run.pk} and {a.status for a in rows} == {"assigned"}
    assert all(a.deadline == services.evaluation_deadline(assigned) for a in rows)
    assert [a for a in rows if a.recheck]
    for a in rows:
        prior = ",".join(sorted(a.case.prior_evaluator_list)) if a.recheck else ""
        assert a.original_evaluators == prior
    assert not EvaluationForm.objects.filter(assignment__campaign=assigned).exists()


def test_the_evaluators_dashboard_counts_tasks_without_reading_the_case_table(
    with_test_evaluator, cast, login
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(cast.evaluator)
    with CaptureQueriesContext(connection) as captured:
        body = client.get(reverse("web:dashboard")).content.decode()
    assert "件案件待评查" in body
    # The tasks' ordering reaches through the case; a grouped count must not drag it along
    # (lists of the evaluator's own forms are ordered by case number on purpose).
    grouped = [q["sql"] for q in captured.captured_queries if "GROUP BY" in q["sql"]]
    assert grouped and not [sql for sql in grouped if '"cases_case"' in sql]
