from django.urls import path

from guifan.draws import views

app_name = "draws"
urlpatterns = [
    path("draws/", views.draw_list_view, name="list"),
    path("campaigns/<int:campaign_id>/draws/", views.campaign_draws, name="campaign"),
    path("campaigns/<int:campaign_id>/batch/", views.batch_view, name="batch"),
    path("campaigns/<int:campaign_id>/batch.xlsx", views.batch_export, name="batch_export"),
    path("campaigns/<int:campaign_id>/draws/rules/", views.rule_create, name="rule_create"),
    path("draws/rules/<int:rule_id>/", views.rule_edit, name="rule_edit"),
    path("draws/rules/<int:rule_id>/freeze/", views.draw_freeze, name="freeze"),
    path("draws/<int:draw_id>/", views.draw_detail, name="detail"),
    path("draws/<int:draw_id>/commit/", views.draw_commit, name="commit"),
    path("draws/<int:draw_id>/close/", views.draw_close, name="close"),
    path("draws/<int:draw_id>/reveal/", views.draw_reveal, name="reveal"),
    path("draws/<int:draw_id>/public-value/", views.draw_public_value, name="public_value"),
    path("draws/<int:draw_id>/redo/", views.draw_redo, name="redo"),
    path("draws/<int:draw_id>/manual/", views.draw_manual, name="manual"),
    path("draws/<int:draw_id>/bundle.zip", views.draw_bundle, name="bundle"),
    path("draws/<int:draw_id>/frame.tsv", views.draw_frame, name="frame"),
]
