from django.urls import path

from guifan.inquiries import views

app_name = "inquiries"
urlpatterns = [
    path("inquiries/", views.inquiry_list, name="list"),
    path("inquiries/new/", views.inquiry_create, name="create"),
    path("inquiries/<int:inquiry_id>/", views.inquiry_detail, name="detail"),
    path("inquiries/<int:inquiry_id>/receive/", views.inquiry_receive, name="receive"),
    path("inquiries/<int:inquiry_id>/notify/", views.inquiry_notify, name="notify"),
    path("inquiries/reports/", views.report_list, name="reports"),
    path("inquiries/flags/", views.flag_list, name="flags"),
    path("inquiries/reports/<str:code>/<str:quarter>/file/", views.report_file, name="report_file"),
]
