from django.urls import include, path
from django.views import defaults

from guifan.api.errors import api_not_found
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
    path("", include("guifan.inquiries.urls")),
    path("", include("guifan.rectification.urls")),
    path("", include("guifan.knowledge.urls")),
    path("", include("guifan.checks.urls")),
    path("", include("guifan.reports.urls")),
    path("api/", api.urls),
]


def handler404(request, exception):
    """A page that does not exist; under /api/ the answer is JSON like the rest of the API."""
    if request.path.startswith("/api/"):
        return api_not_found(request)
    return defaults.page_not_found(request, exception)
