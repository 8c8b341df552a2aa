from django.urls import include, path

from guifan.api.urls import api

urlpatterns = [
    path("", include("guifan.web.urls")),
    path("", include("guifan.accounts.urls")),
    path("", include("guifan.org.urls")),
    path("", include("guifan.journal.urls")),
    path("", include("guifan.cases.urls")),
    path("", include("guifan.campaigns.urls")),
    path("", include("guifan.draws.urls")),
    path("", include("guifan.evaluation.urls")),
    path("", include("guifan.attachments.urls")),
    path("", include("guifan.complaints.urls")),
    path("", include("guifan.rectification.urls")),
    path("", include("guifan.knowledge.urls")),
    path("api/", api.urls),
]
