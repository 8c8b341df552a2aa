from django.urls import path

from guifan.reports import views

app_name = "reports"

urlpatterns = [
    path("reports/campaigns/<int:campaign_id>/", views.overview, name="overview"),
    path(
        "reports/campaigns/<int:campaign_id>/statistics.xlsx",
        views.overview_export,
        name="overview_export",
    ),
    path("reports/campaigns/<int:campaign_id>/unit/", views.unit_page, name="unit"),
    path("reports/campaigns/<int:campaign_id>/unit.xlsx", views.unit_export, name="unit_export"),
    path(
        "reports/campaigns/<int:campaign_id>/documents/",
        views.document_create,
        name="document_create",
    ),
    path("reports/campaigns/<int:campaign_id>/narrative/", views.narrative, name="narrative"),
    path("reports/documents/<int:campaign_document_id>/", views.document_page, name="document"),
    path(
        "reports/documents/<int:campaign_document_id>/download.pdf",
        views.document_pdf,
        name="document_pdf",
    ),
    path(
        "reports/documents/<int:campaign_document_id>/download/",
        views.document_download,
        name="document_download",
    ),
]
