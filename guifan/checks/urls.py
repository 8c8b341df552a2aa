from django.urls import path

from guifan.checks import monitor_views, views

app_name = "checks"

urlpatterns = [
    path("checks/", views.finding_list, name="findings"),
    path("checks/rules/", views.rule_catalog, name="rules"),
    path("checks/export/", views.finding_export, name="export"),
    path("checks/findings/<int:finding_id>/", views.finding_detail, name="finding"),
    path("checks/findings/<int:finding_id>/confirm/", views.finding_confirm, name="confirm"),
    path("checks/findings/<int:finding_id>/dismiss/", views.finding_dismiss, name="dismiss"),
    path("checks/monitor/", monitor_views.monitor, name="monitor"),
    path("checks/monitor/overdue/", monitor_views.overdue, name="overdue"),
    path(
        "checks/monitor/cases/<int:case_id>/notice/",
        monitor_views.notice_issue,
        name="notice_issue",
    ),
    path("checks/notices/", monitor_views.notice_list, name="notices"),
    path("checks/notices/<int:notice_id>/", monitor_views.notice_detail, name="notice"),
    path("checks/notices/<int:notice_id>/reply/", monitor_views.notice_reply, name="notice_reply"),
    path("checks/notices/<int:notice_id>/docx/", monitor_views.notice_docx, name="notice_docx"),
    path("checks/calendar/", monitor_views.calendar_days, name="calendar"),
    path("checks/runs/", views.run_start, name="run_start"),
    path("checks/runs/<int:check_run_id>/", views.run_detail, name="run"),
]
