from django.urls import path

from guifan.cases import flag_views, views

app_name = "cases"
urlpatterns = [
    path("cases/", views.ledger, name="ledger"),
    path("cases/export.xlsx", views.ledger_export, name="export"),
    path("cases/<int:case_id>/", views.case_detail, name="detail"),
    path("cases/<int:case_id>/flags/", flag_views.case_flags, name="flags"),
    path("cases/flags/<int:flag_id>/remove/", flag_views.case_flag_remove, name="flag_remove"),
    path("cases/import/", views.import_start, name="import"),
    path("cases/import/format/", views.import_format, name="import_format"),
    path("cases/import/<int:run_id>/", views.import_run, name="import_run"),
    path("cases/import/<int:run_id>/errors.xlsx", views.import_errors, name="import_errors"),
]
