from django.urls import path

from guifan.org import views

app_name = "org"
urlpatterns = [
    path("org/units/", views.unit_list_view, name="unit_list"),
    path("org/units/<int:unit_id>/", views.unit_detail, name="unit_detail"),
    path("org/pool/", views.pool_list_view, name="pool_list"),
]
