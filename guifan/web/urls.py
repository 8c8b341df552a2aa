from django.urls import path

from guifan.web import views

app_name = "web"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]
