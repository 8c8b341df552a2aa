from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from guifan.core.scoping import scope_of


def role_required(*roles: str) -> Callable:
    """Signed-in users holding one of ``roles``; anyone else gets 403 (which the journal's
    refusal middleware records, as it does every 403 and 404)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not scope_of(request.user).has(*roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def poll(view: Callable) -> Callable:
    """Marks a view whose htmx requests are background polls (a progress bar), which do not
    count as the user's activity for the idle logout (accounts.IdleTimeoutMiddleware)."""
    view.is_poll = True
    return view
