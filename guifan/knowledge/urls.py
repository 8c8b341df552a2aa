from django.urls import path

from guifan.knowledge import views

app_name = "knowledge"
urlpatterns = [
    path("kb/", views.ask, name="ask"),
    path("kb/cite/", views.cite, name="cite"),
    path("kb/passages/<int:passage_id>/", views.passage_detail, name="passage"),
    path("kb/documents/", views.document_list_view, name="documents"),
    path("kb/documents/upload/", views.document_upload_view, name="upload"),
    path("kb/documents/<int:document_id>/replace/", views.document_upload_view, name="replace"),
]
