from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from guifan.core.http import client_ip
from guifan.core.scoping import scope_of


def role_required(*roles: str) -> Callable:
    """Signed-in users holding one of ``roles``; anyone else gets 403, which is journaled."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not scope_of(request.user).has(*roles):
                from guifan.journal.services import record
                from guifan.journal.verbs import Verb

                record(
                    actor=request.user,
                    verb=Verb.ACCESS_DENIED,
                    ip=client_ip(request),
                    payload={"path": request.path, "method": request.method},
                )
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
