from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address: the peer, or, when the peer is one of GUIFAN_TRUSTED_PROXIES,
    the last address that proxy added to X-Forwarded-For (earlier ones the client can forge).
    Lockout per address and the journal's addresses depend on this."""
    peer = request.META.get("REMOTE_ADDR", "") or ""
    if peer in settings.GUIFAN_TRUSTED_PROXIES:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if hops and hops[-1]:
            return hops[-1][:45]
    return peer
