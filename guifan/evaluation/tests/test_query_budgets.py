"""The 登记表 page costs the same number of queries with twice the findings on the form, for
the evaluator filling it in and for the team lead reviewing it."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guifan.evaluation import workflow
from guifan.evaluation.tests.test_forms import FINDING, _save, _task, team  # noqa: F401


def _queries(client, url: str) -> int:
    client.get(url)  # warm-up: sessions, scope
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_form_page_costs_the_same_with_twice_the_findings(team, cast, login):  # noqa: F811
    task = _task(team, cast)
    form = _save(workflow.form_for(task), cast.evaluator, findings=[FINDING] * 2)
    page = reverse("evaluation:form", args=[task.pk])
    detail = reverse("evaluation:form_detail", args=[form.pk])
    evaluator = login(cast.evaluator)
    small = _queries(evaluator, page), _queries(evaluator, detail)
    form = _save(form, cast.evaluator, findings=[FINDING] * 4)
    assert form.findings.count() == 4
    assert (_queries(evaluator, page), _queries(evaluator, detail)) == small


def test_the_form_page_reads_the_case_events_once_per_registry_version(team, cast, login):  # noqa: F811
    """The case's timeline (thirteen event tables) is read on the first view and again only
    after an import has changed the registry."""
    from guifan.cases.models import Interrogation
    from guifan.cases.tallies import cases_changed

    task = _task(team, cast)
    workflow.form_for(task)  # started
    page = reverse("evaluation:form", args=[task.pk])
    evaluator = login(cast.evaluator)
    table = Interrogation._meta.db_table

    def reads_events() -> bool:
        with CaptureQueriesContext(connection) as captured:
            assert evaluator.get(page).status_code == 200
        return any(table in q["sql"] for q in captured.captured_queries)

    assert reads_events()
    assert not reads_events()
    cases_changed(tallies=False)
    assert reads_events()
