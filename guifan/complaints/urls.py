from django.urls import path

from guifan.complaints import views

app_name = "complaints"
urlpatterns = [
    path("complaints/", views.complaint_list, name="list"),
    path("complaints/<int:complaint_id>/", views.complaint_detail, name="detail"),
    path("complaints/<int:complaint_id>/assign/", views.complaint_assign, name="assign"),
    path(
        "complaints/<int:complaint_id>/investigate/",
        views.complaint_investigate,
        name="investigate",
    ),
    path("complaints/<int:complaint_id>/conclude/", views.complaint_conclude, name="conclude"),
]
