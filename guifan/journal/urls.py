from django.urls import path

from guifan.journal import views

app_name = "journal"
urlpatterns = [
    path("audit/", views.entry_list_view, name="entry_list"),
    path("audit/verify/", views.verify_view, name="verify"),
    path("audit/export.xlsx", views.export_view, name="export"),
    path("audit/checkpoints/", views.checkpoint_list_view, name="checkpoints"),
    path("audit/checkpoints/sign/", views.checkpoint_sign_view, name="checkpoint_sign"),
    path(
        "audit/checkpoints/<int:checkpoint_id>/download/",
        views.checkpoint_download_view,
        name="checkpoint_download",
    ),
    path("audit/checkpoints/journal-key.pub", views.public_key_view, name="public_key"),
]
