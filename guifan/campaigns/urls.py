from django.urls import path

from guifan.campaigns import heading_views, norm_views, review_views, views

app_name = "campaigns"
urlpatterns = [
    path("campaigns/", views.campaign_list_view, name="list"),
    path("campaigns/new/", views.campaign_create, name="create"),
    path("campaigns/<int:campaign_id>/", views.campaign_detail, name="detail"),
    path("campaigns/<int:campaign_id>/start/", views.campaign_start, name="start"),
    path("campaigns/<int:campaign_id>/chase/", views.campaign_chase, name="chase"),
    path("campaigns/<int:campaign_id>/advance/", views.campaign_advance, name="advance"),
    path("campaigns/<int:campaign_id>/progress.xlsx", views.progress_export, name="export"),
    path("campaigns/<int:campaign_id>/tasks/", views.task_list_view, name="tasks"),
    path("campaigns/<int:campaign_id>/problems/", views.problem_list_view, name="problems"),
    path("campaigns/<int:campaign_id>/problems.xlsx", views.problem_export, name="problems_export"),
    path("campaigns/<int:campaign_id>/plans/", views.plan_list_view, name="plans"),
    path("campaigns/plans/<int:plan_id>/move/", views.plan_move_view, name="plan_move"),
    path("campaigns/<int:campaign_id>/my-report/", views.my_report, name="my_report"),
    path("campaigns/<int:campaign_id>/reports/", views.report_list, name="reports"),
    path("campaigns/reports/<int:report_id>/", views.report_detail, name="report_detail"),
    path("campaigns/tasks/<int:task_id>/submit/", views.task_submit, name="task_submit"),
    path("campaigns/tasks/<int:task_id>/", review_views.task_detail, name="task_detail"),
    path(
        "campaigns/tasks/<int:task_id>/headings/",
        heading_views.heading_record,
        name="heading_record",
    ),
    path("campaigns/tasks/<int:task_id>/decide/", review_views.task_decide, name="task_decide"),
    path("campaigns/plans/<int:plan_id>/decide/", review_views.plan_decide, name="plan_decide"),
    path("campaigns/<int:campaign_id>/norms/", norm_views.norm_list, name="norms"),
    path(
        "campaigns/norms/adoptions/<int:adoption_id>/",
        norm_views.adoption_record,
        name="norm_adopt",
    ),
]
