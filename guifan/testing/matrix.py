"""The permission matrix: every page and API operation, who may use it at all, and how to
call it. ``guifan/web/tests/test_permission_matrix.py`` calls each one as every demo role
on an object of another unit and expects a refusal (403 or 404) with its journal entry from
everyone not listed here; a route that is not in this table fails the test.

Keys are ``namespace:name`` for pages and ``METHOD /api/path`` for the API. The value is the
method and the roles that are *not* refused. For a route that names an object, the object
belongs to another city (the demo's), so nobody may reach it but where a role's duty spans
all units (the system administrator manages every account).
"""

OFFICE, INSPECTOR = "office", "inspector"
LIAISONS = ("liaison_a", "liaison_b")
EVALUATOR, TEAM_LEAD, HANDLER = "evaluator", "team_lead", "handler"
SYSADMIN, SECADMIN, AUDITADMIN = "sysadmin", "secadmin", "auditadmin"
ROLES = (
    OFFICE,
    INSPECTOR,
    *LIAISONS,
    EVALUATOR,
    TEAM_LEAD,
    HANDLER,
    SYSADMIN,
    SECADMIN,
    AUDITADMIN,
)

EVERYONE = frozenset(ROLES)
NOBODY: frozenset[str] = frozenset()
WATCHERS = frozenset({OFFICE, INSPECTOR})
IMPORTERS = WATCHERS | set(LIAISONS)  # also who reads campaigns, complaints, rectification
READERS = IMPORTERS | {HANDLER}  # the case ledger: handlers read their own cases
ADMINS = frozenset({SYSADMIN, SECADMIN})  # they look after the organisation of every unit
# Everyone with a business role: the knowledge base's public texts (the 三员 read no business
# data, the law texts included).
BUSINESS = EVERYONE - {SYSADMIN, SECADMIN, AUDITADMIN}


def _get(*roles) -> tuple[str, frozenset[str]]:
    return "GET", frozenset(roles)


def _post(*roles) -> tuple[str, frozenset[str]]:
    return "POST", frozenset(roles)


PAGES = {
    # accounts and the 三员 screens
    "accounts:login": _get(*EVERYONE),
    "accounts:logout": _post(*EVERYONE),
    "accounts:password_change": _get(*EVERYONE),
    "accounts:account_list": _get(SYSADMIN),
    "accounts:account_create": _get(SYSADMIN),
    "accounts:account_action": _post(SYSADMIN),  # every account is the sysadmin's to manage
    "accounts:grant_list": _get(SECADMIN),
    "accounts:grant_revoke": _post(SECADMIN),  # and every grant the secadmin's
    "web:dashboard": _get(*EVERYONE),
    "journal:entry_list": _get(AUDITADMIN),
    "journal:export": _get(AUDITADMIN),
    "journal:verify": _post(AUDITADMIN),
    "journal:checkpoints": _get(AUDITADMIN),
    "journal:checkpoint_sign": _post(AUDITADMIN),
    "journal:checkpoint_download": _get(AUDITADMIN),  # checkpoints belong to no unit
    "journal:public_key": _get(AUDITADMIN),
    # knowledge base: the law texts and notices are for every business user
    "knowledge:ask": _get(*BUSINESS),
    "knowledge:cite": _get(*BUSINESS),
    "knowledge:passage": _get(*BUSINESS),  # a passage of a law text
    "knowledge:documents": _get(*BUSINESS),
    "knowledge:upload": _get(OFFICE),
    "knowledge:replace": _get(),  # a document the other city's office did not upload
    "org:unit_list": _get(*IMPORTERS, *ADMINS),
    "org:unit_detail": _get(*ADMINS),  # a unit of any city
    "org:pool_list": _get(*WATCHERS),
    # cases
    "cases:ledger": _get(*READERS),
    "cases:export": _get(*READERS),
    "cases:detail": _get(),
    "cases:flags": _get(),
    "cases:flag_remove": _post(),
    "cases:import": _get(*IMPORTERS),
    "cases:import_format": _get(*IMPORTERS),
    "cases:import_run": _get(),
    "cases:import_errors": _get(),
    # campaigns
    "campaigns:list": _get(*IMPORTERS),
    "campaigns:create": _get(OFFICE),
    "campaigns:detail": _get(),
    "campaigns:start": _post(),
    "campaigns:advance": _post(),
    "campaigns:chase": _post(),
    "campaigns:export": _get(),
    "campaigns:tasks": _get(),
    "campaigns:task_submit": _post(),
    "campaigns:task_detail": _get(),
    "campaigns:heading_record": _post(),
    "campaigns:task_decide": _post(),
    "campaigns:plan_decide": _post(),
    "campaigns:norms": _get(),
    "campaigns:norm_adopt": _post(),
    "campaigns:problems": _get(),
    "campaigns:problems_export": _get(),
    "campaigns:plans": _get(),
    "campaigns:plan_move": _post(),
    "campaigns:my_report": _get(),
    "campaigns:reports": _get(),
    "campaigns:report_detail": _get(),
    # draws
    "draws:list": _get(*WATCHERS),
    "draws:campaign": _get(),
    "draws:rule_create": _post(),
    "draws:batch": _get(),
    "draws:batch_export": _get(),
    "draws:detail": _get(),
    "draws:freeze": _post(),
    "draws:commit": _post(),
    "draws:close": _post(),
    "draws:reveal": _post(),
    "draws:public_value": _post(),
    "draws:redo": _post(),
    "draws:manual": _post(),
    "draws:bundle": _get(),
    "draws:frame": _get(),
    "draws:rule_edit": _get(),
    # evaluation
    "evaluation:assign": _get(),
    "evaluation:chase": _post(),
    "evaluation:conflict": _post(),
    "evaluation:team_create": _post(),
    "evaluation:period": _post(),
    "evaluation:move": _post(),
    "evaluation:export": _get(),
    "evaluation:mine": _get(EVALUATOR, TEAM_LEAD),
    "evaluation:form": _get(),
    "evaluation:form_detail": _get(),
    "evaluation:reviews": _get(TEAM_LEAD),
    "evaluation:review": _post(),
    "evaluation:object": _post(),
    "evaluation:decide": _post(),
    "evaluation:results": _get(HANDLER),
    "evaluation:overview": _get(),
    "evaluation:download": _get(),
    "evaluation:rubric": _get(),
    "evaluation:docx": _get(),
    "evaluation:pdf": _get(),
    "evaluation:results_overview": _get(),
    "evaluation:result": _get(),
    "evaluation:result_deliberate": _post(),
    "evaluation:result_explain": _post(),
    "evaluation:result_approve": _post(),
    "evaluation:dossier": _get(),
    "evaluation:referrals": _get(),
    "evaluation:referrals_export": _get(),
    "evaluation:result_refer": _post(),
    "evaluation:paper": _get(),
    "evaluation:paper_hand_over": _post(),
    "evaluation:paper_receive": _post(),
    "evaluation:paper_return": _post(),
    # attachments, complaints, rectification
    "attachments:download": _get(),
    "complaints:list": _get(*IMPORTERS),
    "complaints:detail": _get(),
    "complaints:assign": _post(),
    "complaints:investigate": _post(),
    "complaints:conclude": _post(),
    # 过问案件记录: handlers record theirs; the office and inspection see their units'
    "inquiries:list": _get(*WATCHERS, HANDLER),
    "inquiries:create": _get(*WATCHERS, HANDLER),
    "inquiries:detail": _get(),
    "inquiries:receive": _post(),
    "inquiries:notify": _post(),
    "inquiries:reports": _get(*IMPORTERS),
    "inquiries:report_file": _post(),  # a unit of the other city
    "inquiries:flags": _get(INSPECTOR),
    "rectification:list": _get(*IMPORTERS),
    "rectification:export": _get(*IMPORTERS),
    "rectification:detail": _get(),
    "rectification:start": _post(),
    "rectification:submit": _post(),
    "rectification:verify": _post(),
    "rectification:recurrence": _post(),
    "rectification:chase": _post(),
    "rectification:gate_export": _get(),
    # automated checks: the list and the catalog for every business user (scoped rows)
    "checks:findings": _get(*BUSINESS),
    "checks:rules": _get(*BUSINESS),
    "checks:export": _get(*BUSINESS),  # the rows each of them sees
    "checks:finding": _get(),
    "checks:confirm": _post(),
    "checks:dismiss": _post(),
    "checks:run_start": _post(*WATCHERS),  # a run over their own units
    "checks:run": _get(),
    "checks:monitor": _get(*READERS),  # the open cases each of them sees
    "checks:overdue": _get(*WATCHERS),  # the 案件管理 office's overdue list (their units)
    "checks:notice_issue": _get(),
    "checks:notices": _get(*READERS),  # the notices each of them sees
    "checks:notice": _get(),
    "checks:notice_reply": _post(),
    "checks:notice_docx": _get(),
    "checks:calendar": _get(OFFICE),  # the deployment's working-day calendar
    # reports: the campaign and its documents belong to another city
    "reports:overview": _get(),
    "reports:overview_export": _get(),
    "reports:unit": _get(),
    "reports:unit_export": _get(),
    "reports:document_create": _post(),
    "reports:document": _get(),
    "reports:document_download": _get(),
    "reports:document_pdf": _get(),
    "reports:narrative": _get(),
}

API = {
    "GET /api/accounts/me": EVERYONE,
    "GET /api/org/units": EVERYONE,
    "GET /api/org/units/{code}/people": ADMINS,
    "GET /api/cases/": READERS,
    "GET /api/cases/{case_id}": NOBODY,
    "POST /api/cases/imports": IMPORTERS,
    "GET /api/cases/imports/{run_id}": NOBODY,
    "GET /api/campaigns/": IMPORTERS,
    "GET /api/campaigns/{campaign_id}/tasks": NOBODY,
    "GET /api/campaigns/{campaign_id}/problems": NOBODY,
    "POST /api/campaigns/{campaign_id}/problems": NOBODY,
    "GET /api/campaigns/{campaign_id}/plans": NOBODY,
    "GET /api/campaigns/{campaign_id}/reports": NOBODY,
    "GET /api/reports/campaigns/{campaign_id}/statistics": NOBODY,
    "GET /api/reports/campaigns/{campaign_id}/unit-statistics": NOBODY,
    "GET /api/draws/": WATCHERS,
    "GET /api/draws/{draw_id}": NOBODY,
    "POST /api/draws/{draw_id}/commit": NOBODY,
    "POST /api/draws/{draw_id}/reveal": NOBODY,
    "GET /api/draws/campaigns/{campaign_id}/batch": NOBODY,
    "GET /api/evaluation/assignments": WATCHERS | {EVALUATOR, TEAM_LEAD},
    "GET /api/evaluation/why-not": NOBODY,
    # Scoped lists: everyone with a business role in the evaluation gets through (an empty
    # list of another city's results); the one result of another city is refused.
    "GET /api/evaluation/results": WATCHERS | {EVALUATOR, TEAM_LEAD, *LIAISONS, HANDLER},
    "GET /api/evaluation/results/{result_id}": NOBODY,
    "GET /api/rectification/items": IMPORTERS,
    "GET /api/rectification/items/{item_id}": NOBODY,
    "POST /api/rectification/items/{item_id}/start": NOBODY,
    "POST /api/rectification/items/{item_id}/verify": NOBODY,
    "POST /api/rectification/items/{item_id}/return": NOBODY,
    "POST /api/rectification/items/{item_id}/submit": NOBODY,
    "POST /api/rectification/items/{item_id}/recurrence": NOBODY,
    "GET /api/rectification/stats": IMPORTERS,
    "GET /api/rectification/complaints": IMPORTERS,
    "GET /api/rectification/complaints/{complaint_id}": NOBODY,
    "POST /api/rectification/complaints/{complaint_id}/assign": NOBODY,
    "POST /api/rectification/complaints/{complaint_id}/conclude": NOBODY,
    "GET /api/rectification/gate/{campaign_id}": NOBODY,
    "GET /api/checks/rules": BUSINESS,
    "GET /api/checks/runs": WATCHERS,
    "GET /api/checks/runs/{check_run_id}": NOBODY,
    "GET /api/checks/findings": BUSINESS,
    "GET /api/checks/findings/{finding_id}": NOBODY,
    "POST /api/checks/findings/{finding_id}/confirm": NOBODY,
    "POST /api/checks/findings/{finding_id}/dismiss": NOBODY,
    "GET /api/checks/notices": READERS,  # the notices each of them sees
    "GET /api/checks/notices/{notice_id}": NOBODY,
    "POST /api/checks/notices/{notice_id}/reply": NOBODY,
    "POST /api/checks/monitor/cases/{case_id}/notice": NOBODY,
    "GET /api/journal/root": frozenset({AUDITADMIN}),
    "GET /api/journal/proof/inclusion/{seq}": frozenset({AUDITADMIN}),
    "GET /api/journal/proof/consistency/{old}/{new}": frozenset({AUDITADMIN}),
    "GET /api/kb/ask": BUSINESS,
    "GET /api/kb/passages/{passage_id}": BUSINESS,
}

# Bodies that pass the API's input validation, so that the refusal itself is what answers.
JSON_BODIES = {
    "POST /api/campaigns/{campaign_id}/problems": {
        "heading": "执法司法理念",
        "category": "作风",
        "description": "问题",
        "responsible": "某科",
        "measure": "整改",
        "deadline": "2016-06-30",
    },
    "POST /api/draws/{draw_id}/commit": {"role": "office", "secret": "s"},
    "POST /api/draws/{draw_id}/reveal": {"secret": "s"},
    "POST /api/rectification/items/{item_id}/start": {"measures": "m", "responsible": "r"},
    "POST /api/rectification/items/{item_id}/verify": {"comment": "c"},
    "POST /api/rectification/items/{item_id}/return": {"comment": "c"},
    "POST /api/rectification/items/{item_id}/recurrence": {"handling": "h"},
    "POST /api/rectification/complaints/{complaint_id}/assign": {"investigator": ""},
    "POST /api/checks/findings/{finding_id}/confirm": {"note": ""},
    "POST /api/checks/findings/{finding_id}/dismiss": {"reason": "r"},
    "POST /api/checks/notices/{notice_id}/reply": {"reply": "r"},
    "POST /api/checks/monitor/cases/{case_id}/notice": {"content": ""},
}
FORM_BODIES = {
    "POST /api/cases/imports": {"kind": "cases"},  # the test adds a file
    "POST /api/rectification/items/{item_id}/submit": {"outcome": "已整改"},
    "POST /api/rectification/complaints/{complaint_id}/conclude": {
        "conclusion": "unfounded",
        "investigation": "经查",
    },
}
