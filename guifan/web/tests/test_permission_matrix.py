"""The permission matrix, generated from the URL configuration and the API schema: every
route, called as every demo role on an object of another unit, is refused (403 or 404) and
the refusal is journaled; only the roles the matrix names get through. A route added
without a matrix entry fails ``test_every_route_has_a_matrix_entry``."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Value
from django.db.models.functions import Concat
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from guifan.api.urls import api
from guifan.core.clock import frozen_at
from guifan.journal.models import Entry
from guifan.journal.verbs import Verb
from guifan.testing.matrix import API, FORM_BODIES, JSON_BODIES, PAGES, ROLES
from guifan.testing.people import Cast, make_cast


def page_routes(patterns=None, namespace="") -> dict[str, URLPattern]:
    routes = {}
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            if inner != "api":
                routes |= page_routes(pattern.url_patterns, inner)
        else:
            routes[f"{namespace}:{pattern.name}"] = pattern
    return routes


def api_routes() -> dict[str, dict]:
    paths = api.get_openapi_schema()["paths"]
    return {
        f"{method.upper()} {path}": operation
        for path, operations in paths.items()
        for method, operation in operations.items()
    }


def test_every_route_has_a_matrix_entry():
    routes, matrix = set(page_routes()) | set(api_routes()), set(PAGES) | set(API)
    assert not routes - matrix, f"routes missing from guifan/testing/matrix.py: {routes - matrix}"
    assert not matrix - routes, f"matrix entries for routes that do not exist: {matrix - routes}"


@pytest.fixture
def world(db) -> tuple[Cast, dict]:
    """The demo's city with one of everything, and the cast, whose people (one per demo
    role) all belong to another city."""
    from guifan.accounts.models import RoleGrant, User
    from guifan.attachments.models import Attachment
    from guifan.campaigns.models import (
        Campaign,
        ChecklistItem,
        MechanismPlan,
        NormAdoption,
        Report,
        UnitTask,
    )
    from guifan.cases.models import Case, CaseFlag, ImportRun
    from guifan.checks.models import Finding, MonitorNotice
    from guifan.checks.services import checks_run
    from guifan.complaints.models import Complaint
    from guifan.demo.services import demo_load
    from guifan.draws.models import Draw, DrawRule
    from guifan.evaluation import results, workflow
    from guifan.evaluation.models import Assignment
    from guifan.inquiries.models import InquiryRecord
    from guifan.inquiries.services import inquiry_record
    from guifan.journal.checkpoints import checkpoint_sign
    from guifan.knowledge.models import Document, Passage
    from guifan.rectification.models import Recurrence
    from guifan.reports.models import CampaignDocument

    demo_load(cases=300)
    liaison = User.objects.get(username="liaison")
    campaign = Campaign.objects.get()
    assignment = Assignment.objects.select_related("evaluator").first()
    case = Case.objects.filter(unit=liaison.person.unit).first()
    plan = MechanismPlan.objects.create(
        campaign=campaign,
        unit=liaison.person.unit,
        area=ChecklistItem.objects.filter(campaign=campaign, kind="area").first(),
        title="制度",
        summary="内容",
        owner="某科",
        planned_date=date(2016, 6, 30),
    )
    inquiry = InquiryRecord.objects.first() or inquiry_record(
        case=case,
        by=None,
        stage="prosecution",
        inquirer_name="王某",
        category="party",
        occurred_on=date(2016, 3, 1),
        channel="phone",
        content="打听案件进展",
        behaviour="progress",
        response="procedure",
    )
    flag = CaseFlag.objects.create(case=case, seq=1001, kind="media", flagged_on=date(2015, 6, 1))
    run = ImportRun.objects.create(kind="cases", file_name="案件.csv", created_by=liaison)
    check_run = checks_run(by=None, unit=liaison.person.unit.parent)
    office = User.objects.get(username="office")
    notice = MonitorNotice.objects.create(
        case=case, unit=case.unit, handler=liaison.person, period="审查起诉期限",
        deadline=date(2016, 3, 20), content="请回复", reply_by=date(2016, 3, 30), issued_by=office,
    )  # fmt: skip
    document = CampaignDocument.objects.create(
        campaign=campaign, kind="summary", requested_by=office, status="done"
    )
    # The demo's accounts carry the cast's names: rename them before the cast arrives.
    User.objects.update(username=Concat(Value("demo-"), "username"))
    objects = {
        "account_id": liaison.pk,
        "action": "unlock",
        "grant_id": RoleGrant.objects.filter(user=liaison).first().pk,
        "unit_id": liaison.person.unit_id,
        "code": liaison.person.unit.code,
        "case_id": case.pk,
        "flag_id": flag.pk,
        "run_id": run.pk,
        "check_run_id": check_run.pk,
        "finding_id": Finding.objects.first().pk,
        "notice_id": notice.pk,
        "campaign_id": campaign.pk,
        "task_id": UnitTask.objects.filter(unit=liaison.person.unit).first().pk,
        "plan_id": plan.pk,
        "adoption_id": NormAdoption.objects.filter(unit=liaison.person.unit).first().pk,
        "report_id": Report.objects.first().pk,
        "rule_id": DrawRule.objects.first().pk,
        "draw_id": Draw.objects.first().pk,
        "assignment_id": assignment.pk,
        "form_id": workflow.form_for(assignment).pk,
        "result_id": results.result_for(campaign=campaign, case=assignment.case).pk,
        "attachment_id": Attachment.objects.first().pk,
        "complaint_id": Complaint.objects.first().pk,
        "inquiry_id": inquiry.pk,
        "quarter": "2015q4",
        "item_id": Recurrence.objects.first().item_id,
        "checkpoint_id": checkpoint_sign(by=None).pk,
        "campaign_document_id": document.pk,
        "passage_id": Passage.objects.filter(document__kind="law").first().pk,
        "document_id": Document.objects.filter(kind="law").first().pk,
        "seq": 1,
        "old": 1,
        "new": 2,
        # query parameters of the API
        "q": "回头看什么时候开始",
        "campaign": campaign.pk,
        "evaluator": assignment.evaluator.staff_no,
        "case": case.case_no_norm,
    }
    return make_cast(), objects


def _calls(world: dict):
    """(key, method, path, query, data, roles that get through) for every route."""
    for key, pattern in page_routes().items():
        method, allowed = PAGES[key]
        names = pattern.pattern.regex.groupindex
        path = reverse(key, kwargs={name: world[name] for name in names})
        yield key, method, path, {}, {}, allowed
    for key, operation in api_routes().items():
        method, template = key.split(" ", 1)
        path = template.format(**world)
        query = {
            p["name"]: world[p["name"]]
            for p in operation.get("parameters", [])
            if p["in"] == "query" and p.get("required")
        }
        data = JSON_BODIES.get(key) or dict(FORM_BODIES.get(key, {}))
        if key == "POST /api/cases/imports":
            data["file"] = SimpleUploadedFile("案件.csv", "部门受案号\n".encode())
        yield key, method, path, query, data, API[key]


def _send(client, method, path, query, data, as_json):
    if method == "GET":
        return client.get(path, query)
    if as_json:
        return client.post(path, data, content_type="application/json")
    return client.post(path, data)


@pytest.mark.parametrize("role", ROLES)
def test_every_route_refuses_every_role_an_object_of_another_unit(world, client, role):
    cast, objects = world
    user = getattr(cast, role)
    problems = []
    start = timezone.now().replace(second=0, microsecond=0)
    for minute, (key, method, path, query, data, allowed) in enumerate(_calls(objects), 1):
        client.force_login(user)  # POST /accounts/logout/ signs out; every call starts signed in
        # One minute per call: each refusal is the first of its minute, so journaled at once.
        with frozen_at(start + timedelta(minutes=minute)):
            status = _send(client, method, path, query, data, key in JSON_BODIES).status_code
        refused = status in (403, 404)
        if role in allowed:
            if refused:
                problems.append(f"{key}: {status}, but the matrix lets {role} through")
            continue
        if not refused:
            problems.append(f"{key}: {status} instead of a refusal")
            continue
        entry = (
            Entry.objects.filter(verb=Verb.ACCESS_DENIED, actor_id=user.pk).order_by("seq").last()
        )
        if entry is None or f'"path":"{path}"' not in entry.payload.replace(" ", ""):
            problems.append(f"{key}: refused ({status}) but not journaled")
    assert not problems, f"{role}:\n" + "\n".join(problems)
