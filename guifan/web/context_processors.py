from django.http import HttpRequest

from guifan.core import clock
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.web.nav import KB_READERS, NAV


def shell(request: HttpRequest) -> dict:
    """Navigation and role labels for the base layout, and the demo's world date."""
    world = {"business_date": clock.business_date()}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return world
    scope = scope_of(user)
    return world | {
        "nav_items": [item for item in NAV if item.allowed(scope)],
        "user_scope": scope,
        "user_role_labels": sorted({str(Role(role).label) for role in scope.roles}),
        # The header's question box: everyone who reads the knowledge base (not the 三员).
        "kb_reader": scope.has(*KB_READERS) and not scope.is_admin,
    }
