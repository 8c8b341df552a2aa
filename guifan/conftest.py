import pytest

from guifan.testing.people import Cast, make_cast


@pytest.fixture
def cast(db) -> Cast:
    """One user per role: liaisons of unit A and unit B, office and inspection of the city, …"""
    return make_cast()


@pytest.fixture
def login(client):
    """Log the test client in as a user and return it."""

    def _login(user):
        client.force_login(user)
        return client

    return _login
