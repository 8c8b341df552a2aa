"""Property-based run of the whole API (schemathesis): no input gives a server error, every
answer is one the OpenAPI schema declares, and refusals and bad input answer in JSON.

Bounded for CI: a fixed seed and a fixed number of examples per operation."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string
from hypothesis import HealthCheck, Phase, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from guifan.api.urls import api

EXAMPLES = 20


def _without_auth_schemes(raw: dict) -> dict:
    """The session cookie is sent by the test itself; schemathesis must not vary it."""
    raw.get("components", {}).pop("securitySchemes", None)
    for operations in raw["paths"].values():
        for operation in operations.values():
            operation.pop("security", None)
    return raw


schema = schemathesis.openapi.from_dict(_without_auth_schemes(api.get_openapi_schema()))
application = WSGIHandler()


@pytest.fixture(autouse=True)
def _connections_stay_open():
    """As the test client does: each test runs in one transaction, so the request signals
    must not close the connection (on PostgreSQL they would, in the middle of the test)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def signed_in(cast, client):
    """A session cookie and CSRF token of the city's office, the widest business role."""
    client.force_login(cast.office)
    token = _get_new_csrf_string()
    return {
        "cookies": {"sessionid": client.cookies["sessionid"].value, "csrftoken": token},
        "headers": {"X-CSRFToken": token},
    }


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_api_never_fails_on_any_input(case, signed_in):
    # Valid by the schema is not valid by the rules (a PNG is not a spreadsheet): a 422 for
    # such input is the right answer, so that one check is left out.
    case.call_and_validate(app=application, excluded_checks=[positive_data_acceptance], **signed_in)
