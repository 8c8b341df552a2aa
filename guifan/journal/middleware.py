"""Every refusal is journaled: 403 and 404 on pages and API alike, in one place."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from guifan.core.http import client_ip
from guifan.journal.services import record_throttled
from guifan.journal.verbs import Verb

REFUSALS = (403, 404)


class RefusalJournalMiddleware:
    """Journals each 403 and 404 answer (access functions answer 404 for "not yours"), one
    entry per user (or address) and minute carrying the count of repeats.

    Anonymous 404s are left out: every data page sends an anonymous visitor to the login page
    first and the API answers 401, so an anonymous 404 is a mistyped address, not a refusal.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code in REFUSALS and self._journals(request, response.status_code):
            refusal_record(request, response.status_code)
        return response

    @staticmethod
    def _journals(request: HttpRequest, status: int) -> bool:
        if request.path.startswith(settings.STATIC_URL):
            return False
        user = getattr(request, "user", None)
        return status == 403 or bool(user and user.is_authenticated)


def refusal_record(request: HttpRequest, status: int) -> None:
    user, ip = getattr(request, "user", None), client_ip(request)
    signed_in = bool(user and user.is_authenticated)
    record_throttled(
        key=f"denied:user:{user.pk}" if signed_in else f"denied:ip:{ip}",
        actor=user if signed_in else "anonymous",
        verb=Verb.ACCESS_DENIED,
        ip=ip,
        payload={"path": request.path[:200], "method": request.method, "status": status},
        sample=f"{request.method} {request.path[:150]} {status}",
    )
