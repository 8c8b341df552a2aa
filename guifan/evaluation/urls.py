from django.urls import path

from guifan.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("campaigns/<int:campaign_id>/assign/", views.assign_page, name="assign"),
    path("campaigns/<int:campaign_id>/assignments.xlsx", views.assignments_export, name="export"),
    path("campaigns/<int:campaign_id>/conflicts/", views.conflict_declare, name="conflict"),
    path("assignments/<int:assignment_id>/move/", views.assignment_move, name="move"),
    path("my-tasks/", views.my_tasks, name="mine"),
]
