from django.urls import path

from guifan.attachments import views

app_name = "attachments"
urlpatterns = [
    path("attachments/<int:attachment_id>/", views.download, name="download"),
]
