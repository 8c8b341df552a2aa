from django.urls import path

from guifan.complaints import views

app_name = "complaints"
urlpatterns = [
    path("complaints/", views.complaint_list, name="list"),
]
