from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The peer address; a reverse proxy in front must set REMOTE_ADDR (see docs)."""
    return request.META.get("REMOTE_ADDR", "") or ""
