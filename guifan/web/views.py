from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from guifan.web.selectors import dashboard_for


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """工作台: the signed-in user's tiles, 待办 list and role panels."""
    return render(request, "web/dashboard.html", dashboard_for(request.user))
