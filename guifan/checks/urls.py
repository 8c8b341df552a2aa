from django.urls import path

from guifan.checks import views

app_name = "checks"

urlpatterns = [
    path("checks/", views.finding_list, name="findings"),
    path("checks/rules/", views.rule_catalog, name="rules"),
    path("checks/export/", views.finding_export, name="export"),
    path("checks/findings/<int:finding_id>/", views.finding_detail, name="finding"),
    path("checks/findings/<int:finding_id>/confirm/", views.finding_confirm, name="confirm"),
    path("checks/findings/<int:finding_id>/dismiss/", views.finding_dismiss, name="dismiss"),
    path("checks/monitor/", views.monitor, name="monitor"),
    path("checks/runs/", views.run_start, name="run_start"),
    path("checks/runs/<int:check_run_id>/", views.run_detail, name="run"),
]
