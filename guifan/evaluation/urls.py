from django.urls import path

from guifan.evaluation import (
    docx_views,
    form_views,
    paper_views,
    result_views,
    rubric_views,
    use_views,
    views,
)

app_name = "evaluation"
urlpatterns = [
    path("campaigns/<int:campaign_id>/assign/", views.assign_page, name="assign"),
    path("campaigns/<int:campaign_id>/assignments.xlsx", views.assignments_export, name="export"),
    path("campaigns/<int:campaign_id>/conflicts/", views.conflict_declare, name="conflict"),
    path("campaigns/<int:campaign_id>/assign/chase/", views.assignment_chase, name="chase"),
    path("campaigns/<int:campaign_id>/assign/teams/", views.team_create, name="team_create"),
    path("campaigns/<int:campaign_id>/assign/period/", views.period_page, name="period"),
    path("assignments/<int:assignment_id>/move/", views.assignment_move, name="move"),
    path("my-tasks/", views.my_tasks, name="mine"),
    path("my-tasks/<int:assignment_id>/form/", form_views.form_page, name="form"),
    path("forms/<int:form_id>/", form_views.form_detail, name="form_detail"),
    path("forms/<int:form_id>/review/", form_views.form_review, name="review"),
    path("forms/<int:form_id>/object/", form_views.form_object, name="object"),
    path("forms/<int:form_id>/decide/", form_views.form_decide, name="decide"),
    path("forms/<int:form_id>/form.docx", docx_views.form_docx, name="docx"),
    path("forms/<int:form_id>/form.pdf", docx_views.form_pdf, name="pdf"),
    path("reviews/", form_views.review_queue, name="reviews"),
    path("campaigns/<int:campaign_id>/forms/", form_views.overview, name="overview"),
    path("campaigns/<int:campaign_id>/rubric/", rubric_views.rubric_page, name="rubric"),
    path("campaigns/<int:campaign_id>/forms/download/", form_views.forms_download, name="download"),
    path("my-results/", form_views.my_results, name="results"),
    path(
        "campaigns/<int:campaign_id>/results/",
        result_views.results_overview,
        name="results_overview",
    ),
    path("results/<int:result_id>/", result_views.result_detail, name="result"),
    path(
        "results/<int:result_id>/deliberate/",
        result_views.result_deliberate,
        name="result_deliberate",
    ),
    path("results/<int:result_id>/explain/", result_views.result_explain, name="result_explain"),
    path("results/<int:result_id>/approve/", result_views.result_approve, name="result_approve"),
    path("campaigns/<int:campaign_id>/dossier.xlsx", use_views.dossier_export, name="dossier"),
    path("campaigns/<int:campaign_id>/referrals/", use_views.referral_list, name="referrals"),
    path(
        "campaigns/<int:campaign_id>/referrals.xlsx",
        use_views.referral_export,
        name="referrals_export",
    ),
    path("results/<int:result_id>/refer/", use_views.result_refer, name="result_refer"),
    path("campaigns/<int:campaign_id>/paper/", paper_views.paper_list, name="paper"),
    path(
        "paper/<int:assignment_id>/hand-over/",
        paper_views.paper_hand_over,
        name="paper_hand_over",
    ),
    path("paper/<int:assignment_id>/receive/", paper_views.paper_receive, name="paper_receive"),
    path("paper/<int:assignment_id>/return/", paper_views.paper_return, name="paper_return"),
]
