"""Role checks shared by the API routers."""

from ninja.errors import HttpError

from guifan.core.scoping import scope_of


def require_role(request, *roles: str) -> None:
    """403 for a signed-in user who holds none of ``roles`` (the screens' role_required)."""
    if not scope_of(request.user).has(*roles):
        raise HttpError(403, "无权访问")
