"""Scoping is security: a liaison sees its own unit only; oversight sees the subtree."""

import pytest
from django.urls import reverse

from guifan.cases.models import Case
from guifan.org.models import Person, Unit
from guifan.testing.factories import CaseFactory, PersonFactory


@pytest.fixture
def cases(cast):
    return {
        "a": CaseFactory(unit=cast.unit_a, handler=cast.handler.person),
        "a2": CaseFactory(unit=cast.unit_a),
        "b": CaseFactory(unit=cast.unit_b),
        "city": CaseFactory(unit=cast.city),
    }


def test_liaison_sees_only_its_own_unit(cast, cases):
    PersonFactory(unit=cast.unit_b)
    assert set(Unit.objects.visible_to(cast.liaison_a)) == {cast.unit_a}
    assert set(Case.objects.visible_to(cast.liaison_a)) == {cases["a"], cases["a2"]}
    assert {p.unit for p in Person.objects.visible_to(cast.liaison_a)} == {cast.unit_a}


def test_office_and_inspection_see_the_city_and_everything_below(cast, cases):
    for user in (cast.office, cast.inspector):
        assert set(Unit.objects.visible_to(user)) == {cast.city, cast.unit_a, cast.unit_b}
        assert Case.objects.visible_to(user).count() == 4


def test_handler_sees_own_cases_only(cast, cases):
    assert set(Case.objects.visible_to(cast.handler)) == {cases["a"]}


def test_evaluator_sees_no_case_before_assignment(cast, cases):
    assert not Case.objects.visible_to(cast.evaluator).exists()


def test_anonymous_sees_nothing(cases):
    from django.contrib.auth.models import AnonymousUser

    assert not Case.objects.visible_to(AnonymousUser()).exists()


def test_liaison_cannot_open_another_units_page(cast, login):
    client = login(cast.liaison_a)
    assert client.get(reverse("org:unit_detail", args=[cast.unit_a.pk])).status_code == 200
    assert client.get(reverse("org:unit_detail", args=[cast.unit_b.pk])).status_code == 404
    assert client.get(reverse("org:unit_detail", args=[999999])).status_code == 404


def test_unit_list_shows_only_own_unit_to_liaison(cast, login):
    body = login(cast.liaison_a).get(reverse("org:unit_list")).content.decode()
    assert cast.unit_a.name in body
    assert cast.unit_b.name not in body


@pytest.mark.parametrize("who", ["evaluator", "handler", "team_lead", "auditadmin"])
def test_org_pages_refuse_roles_without_a_duty_there(cast, login, who):
    client = login(getattr(cast, who))
    assert client.get(reverse("org:unit_list")).status_code == 403
    assert client.get(reverse("org:unit_detail", args=[cast.unit_a.pk])).status_code == 403


@pytest.mark.parametrize("who", ["liaison_a", "evaluator", "sysadmin"])
def test_talent_pool_is_for_office_and_inspection(cast, login, who):
    assert login(getattr(cast, who)).get(reverse("org:pool_list")).status_code == 403


def test_office_sees_the_talent_pool(cast, login):
    assert login(cast.office).get(reverse("org:pool_list")).status_code == 200


def test_api_units_are_scoped(cast, login):
    data = login(cast.liaison_a).get("/api/org/units").json()
    assert [u["code"] for u in data] == [cast.unit_a.code]


def test_api_refuses_another_units_people(cast, login):
    client = login(cast.liaison_a)
    assert client.get(f"/api/org/units/{cast.unit_a.code}/people").status_code == 200
    assert client.get(f"/api/org/units/{cast.unit_b.code}/people").status_code == 404


def test_api_needs_a_login(cast, client):
    assert client.get("/api/org/units").status_code == 401
    assert client.get("/api/accounts/me").status_code == 401


def test_api_me_lists_roles(cast, login):
    data = login(cast.liaison_a).get("/api/accounts/me").json()
    assert data["username"] == "liaison_a"
    assert data["roles"] == [
        {"role": "liaison", "role_label": "单位联络员", "unit_code": cast.unit_a.code}
    ]


def test_unit_list_query_budget(cast, login, django_assert_max_num_queries):
    client = login(cast.office)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("org:unit_list")).status_code == 200
