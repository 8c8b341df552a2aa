from django.urls import path

from guifan.rectification import views

app_name = "rectification"
urlpatterns = [
    path("rectification/", views.item_list_view, name="list"),
    path("rectification/export/", views.item_export, name="export"),
    path("rectification/<int:item_id>/", views.item_detail, name="detail"),
    path("rectification/<int:item_id>/start/", views.item_start, name="start"),
    path("rectification/<int:item_id>/submit/", views.item_submit, name="submit"),
    path("rectification/<int:item_id>/verify/", views.item_verify, name="verify"),
    path("rectification/<int:item_id>/recurrence/", views.recurrence_handle, name="recurrence"),
    path("campaigns/<int:campaign_id>/rectification/chase/", views.items_chase, name="chase"),
    path("campaigns/<int:campaign_id>/gate.xlsx", views.gate_export, name="gate_export"),
]
