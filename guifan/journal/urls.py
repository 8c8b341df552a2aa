from django.urls import path

from guifan.journal import views

app_name = "journal"
urlpatterns = [
    path("audit/", views.entry_list_view, name="entry_list"),
    path("audit/verify/", views.verify_view, name="verify"),
    path("audit/export.xlsx", views.export_view, name="export"),
]
