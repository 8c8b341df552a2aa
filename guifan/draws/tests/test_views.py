"""The draw pages: the ceremony through the browser's forms, and who is refused."""

import io

import pytest
from django.urls import reverse

from guifan.core.roles import Role
from guifan.draws import ceremony, protocol, services, verification
from guifan.draws.models import DrawRule, DrawStatus
from guifan.draws.tests.conftest import SECRETS, run_ceremony
from guifan.org.models import Tier
from guifan.testing.factories import PersonFactory, UnitFactory, UserFactory, grant


@pytest.fixture
def other_office(cast):
    """The campaign office of another city: sees none of this city's draws."""
    city = UnitFactory(code="970200", short_name="他市", tier=Tier.CITY, parent=cast.province)
    user = UserFactory(username="other_office", person=PersonFactory(unit=city))
    grant(user, Role.OFFICE, city)
    return user


@pytest.fixture
def draw(campaign, cast):
    rule = DrawRule.objects.get(campaign=campaign, code="new")
    return run_ceremony(services.draw_freeze(rule=rule, by=cast.office), cast)


def _pages(draw):
    campaign_id = draw.rule.campaign_id
    return [
        reverse("draws:list"),
        reverse("draws:campaign", args=[campaign_id]),
        reverse("draws:detail", args=[draw.pk]),
        reverse("draws:frame", args=[draw.pk]),
        reverse("draws:bundle", args=[draw.pk]),
    ]


@pytest.mark.parametrize("who", ["liaison_a", "evaluator", "handler", "sysadmin"])
def test_draw_pages_refuse_roles_that_do_not_run_draws(draw, cast, login, who):
    client = login(getattr(cast, who))
    for url in _pages(draw):
        assert client.get(url).status_code == 403, url


def test_another_citys_office_gets_not_found(draw, other_office, login):
    client = login(other_office)
    for url in _pages(draw)[1:]:
        assert client.get(url).status_code == 404, url
    assert draw.rule.campaign.name not in client.get(reverse("draws:list")).text


@pytest.mark.parametrize("who", ["office", "inspector"])
def test_the_office_and_inspection_see_the_whole_record(draw, cast, login, who):
    page = login(getattr(cast, who)).get(reverse("draws:detail", args=[draw.pk])).text
    for value in (draw.frame_hash, draw.seed, draw.result_hash, SECRETS[0], SECRETS[1]):
        assert value in page
    assert "专项整治办：" in page and "纪检监察：" in page


def test_ceremony_actions_refuse_the_wrong_user(campaign, cast, login, other_office):
    rule = DrawRule.objects.get(campaign=campaign, code="recheck")
    freeze = reverse("draws:freeze", args=[rule.pk])
    assert login(cast.inspector).post(freeze).status_code == 403
    assert login(other_office).post(freeze).status_code == 404
    assert login(cast.liaison_a).post(freeze).status_code == 403
    draw = services.draw_freeze(rule=rule, by=cast.office)
    commit = reverse("draws:commit", args=[draw.pk])
    assert (
        login(cast.liaison_a)
        .post(commit, {"role": "office", "secret": "外-骰子-11223344556612"})
        .status_code
        == 403
    )
    assert (
        login(other_office)
        .post(commit, {"role": "office", "secret": "外-骰子-11223344556612"})
        .status_code
        == 404
    )
    close = reverse("draws:close", args=[draw.pk])
    assert login(cast.inspector).post(close).status_code == 403
    for name in ("redo", "manual", "public_value"):
        assert (
            login(cast.inspector).post(reverse(f"draws:{name}", args=[draw.pk])).status_code == 403
        )
    assert draw.commitments.count() == 0


def test_the_ceremony_through_the_pages(campaign, cast, client):
    rule = DrawRule.objects.get(campaign=campaign, code="recheck")
    client.force_login(cast.office)
    response = client.post(reverse("draws:freeze", args=[rule.pk]), follow=True)
    draw = rule.draws.get()
    assert "抽样框已冻结" in response.text and draw.frame_hash in response.text
    answer = client.post(
        reverse("draws:commit", args=[draw.pk]),
        {"role": "office", "secret": "甲-骰子-1234561234561"},
    )
    assert answer.url == reverse("draws:detail", args=[draw.pk])
    page = client.post(reverse("draws:close", args=[draw.pk]), follow=True).text
    assert "至少需要专项整治办和纪检监察各一方" in page
    client.force_login(cast.inspector)
    client.post(
        reverse("draws:commit", args=[draw.pk]),
        {"role": "inspection", "secret": "乙-骰子-5678125678123"},
    )
    client.force_login(cast.office)
    client.post(reverse("draws:close", args=[draw.pk]))
    page = client.post(
        reverse("draws:reveal", args=[draw.pk]), {"secret": "甲-骰子-9999999999999"}, follow=True
    )
    assert "与您提交的承诺值不符" in page.text
    client.post(reverse("draws:reveal", args=[draw.pk]), {"secret": "甲-骰子-1234561234561"})
    client.force_login(cast.inspector)
    client.post(reverse("draws:reveal", args=[draw.pk]), {"secret": "乙-骰子-5678125678123"})
    draw.refresh_from_db()
    assert draw.status == DrawStatus.DONE and draw.seed == protocol.seed(
        ["甲-骰子-1234561234561", "乙-骰子-5678125678123"]
    )
    data = client.get(reverse("draws:bundle", args=[draw.pk])).content
    assert verification.verify_bundle(io.BytesIO(data)).selected_count == draw.selected_count


def test_a_redraw_through_the_page_needs_a_reason(draw, cast, login):
    client = login(cast.office)
    page = client.post(reverse("draws:redo", args=[draw.pk]), {"reason": ""}, follow=True).text
    assert "重抽原因" in page
    draw.refresh_from_db()
    assert draw.status == DrawStatus.DONE
    client.post(reverse("draws:redo", args=[draw.pk]), {"reason": "台账漏报 3 件案件"})
    draw.refresh_from_db()
    assert draw.status == DrawStatus.SUPERSEDED
    page = client.get(reverse("draws:campaign", args=[draw.rule.campaign_id])).text
    assert "第 1 次（已作废）" in page


def test_liaisons_see_only_their_units_cases_in_the_batch(draw, cast, login):
    page = login(cast.liaison_b).get(reverse("draws:batch", args=[draw.rule.campaign_id])).text
    assert "乙县检侦监受" in page and "甲区检公诉受" not in page
    export = login(cast.liaison_b).get(reverse("draws:batch_export", args=[draw.rule.campaign_id]))
    assert export.status_code == 200


def test_the_batch_is_refused_outside_the_campaign(draw, other_office, cast, login):
    url = reverse("draws:batch", args=[draw.rule.campaign_id])
    assert login(other_office).get(url).status_code == 404
    assert login(cast.evaluator).get(url).status_code == 403


def test_the_office_edits_a_rule_before_it_is_drawn(campaign, cast, login):
    rule = DrawRule.objects.get(campaign=campaign, code="recheck")
    url = reverse("draws:rule_edit", args=[rule.pk])
    assert login(cast.inspector).get(url).status_code == 403
    response = login(cast.office).post(url, {"year": 2015, "ratio": "0.5"})
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.ratio == "0.5"
    page = login(cast.office).post(url, {"year": 2015, "ratio": "50%"}).text
    assert "不超过 1 的小数" in page


def test_the_evaluator_draw_page_adds_people_from_outside_the_pool(campaign, cast, login):
    rule = DrawRule.objects.get(campaign=campaign, code="evaluators")
    draw = run_ceremony(services.draw_freeze(rule=rule, by=cast.office), cast)
    outsider = PersonFactory(unit=cast.unit_a, name="库外甲")
    url = reverse("draws:manual", args=[draw.pk])
    page = (
        login(cast.office)
        .post(
            url,
            {"staff_no": outsider.staff_no, "line": "gongsu", "reason": "熟悉未检业务"},
            follow=True,
        )
        .text
    )
    assert "人工选调" in page and "熟悉未检业务" in page
    page = (
        login(cast.office)
        .post(url, {"staff_no": "NOPE0000", "line": "gongsu", "reason": "x"}, follow=True)
        .text
    )
    assert "没有工号为 NOPE0000 的在岗人员" in page


def test_the_api_lists_and_publishes_draws_only_to_the_issuing_unit(
    draw, cast, login, other_office
):
    client = login(cast.inspector)
    listed = client.get("/api/draws/").json()
    assert [d["rule_code"] for d in listed] == ["new"]
    record = client.get(f"/api/draws/{draw.pk}").json()
    assert record["seed"] == draw.seed and list(record) == list(verification.RECORD_KEYS)
    assert login(other_office).get(f"/api/draws/{draw.pk}").status_code == 404
    assert login(other_office).get("/api/draws/").json() == []
    assert login(cast.liaison_a).get(f"/api/draws/{draw.pk}").status_code == 403
    assert login(cast.liaison_a).get("/api/draws/").status_code == 403


def test_the_api_ceremony_refuses_a_non_party_and_a_wrong_reveal(campaign, cast, login):
    rule = DrawRule.objects.get(campaign=campaign, code="key")
    draw = services.draw_freeze(rule=rule, by=cast.office)
    url = f"/api/draws/{draw.pk}/commit"
    body = {"role": "office", "secret": "办-骰子-x1x1x1x1x1x1x1"}
    assert login(cast.liaison_a).post(url, body, content_type="application/json").status_code == 403
    assert login(cast.inspector).post(url, body, content_type="application/json").status_code == 403
    assert login(cast.office).post(url, body, content_type="application/json").status_code == 200
    body = {"role": "inspection", "secret": "纪-骰子-y2y2y2y2y2y2y2"}
    assert login(cast.inspector).post(url, body, content_type="application/json").status_code == 200
    ceremony.draw_close_commitments(draw=draw, by=cast.office)
    reveal = f"/api/draws/{draw.pk}/reveal"
    wrong = login(cast.office).post(reveal, {"secret": "x-2"}, content_type="application/json")
    assert wrong.status_code == 422 and "不符" in wrong.json()["detail"]


def test_the_api_batch_is_scoped_to_the_liaisons_unit(draw, cast, login, other_office):
    url = f"/api/draws/campaigns/{draw.rule.campaign_id}/batch"
    rows = login(cast.liaison_b).get(url).json()
    assert rows and {r["unit_code"] for r in rows} == {cast.unit_b.code}
    assert all(r["reasons"] == ["新评查"] for r in rows)
    assert login(other_office).get(url).status_code == 404
    assert login(cast.evaluator).get(url).status_code == 403


def test_the_dashboard_tells_each_party_its_next_ceremony_step(campaign, cast, login):
    rule = DrawRule.objects.get(campaign=campaign, code="key")
    draw = services.draw_freeze(rule=rule, by=cast.office)
    assert "重点评查：请提交承诺值" in login(cast.inspector).get(reverse("web:dashboard")).text
    ceremony.draw_commit(
        draw=draw, by=cast.inspector, role="inspection", secret="纪-骰子-s1s1s1s1s1s1s1"
    )
    assert "重点评查：请提交承诺值" not in login(cast.inspector).get(reverse("web:dashboard")).text
    ceremony.draw_commit(draw=draw, by=cast.office, role="office", secret="办-骰子-s2s2s2s2s2s2s2")
    assert "各方承诺后截止承诺" in login(cast.office).get(reverse("web:dashboard")).text
    ceremony.draw_close_commitments(draw=draw, by=cast.office)
    assert "重点评查：请揭示密钥" in login(cast.inspector).get(reverse("web:dashboard")).text
    assert "随机抽取" not in login(cast.liaison_a).get(reverse("web:dashboard")).text


def test_others_commitments_stay_hidden_until_commitments_close(campaign, cast, login):
    rule = DrawRule.objects.get(campaign=campaign, code="key")
    draw = services.draw_freeze(rule=rule, by=cast.office)
    made = ceremony.draw_commit(draw=draw, by=cast.office, role="office", secret=SECRETS[0])
    url = reverse("draws:detail", args=[draw.pk])
    assert made.commitment in login(cast.office).get(url).text
    assert made.commitment not in login(cast.inspector).get(url).text
    record = login(cast.inspector).get(f"/api/draws/{draw.pk}").json()
    assert record["commitments"][0]["commitment"] is None
    ceremony.draw_commit(draw=draw, by=cast.inspector, role="inspection", secret=SECRETS[1])
    ceremony.draw_close_commitments(draw=draw, by=cast.office)
    assert made.commitment in login(cast.inspector).get(url).text


def test_revealed_secrets_stay_hidden_until_every_party_revealed(campaign, cast, login):
    rule = DrawRule.objects.get(campaign=campaign, code="key")
    draw = services.draw_freeze(rule=rule, by=cast.office)
    ceremony.draw_commit(draw=draw, by=cast.office, role="office", secret=SECRETS[0])
    ceremony.draw_commit(draw=draw, by=cast.inspector, role="inspection", secret=SECRETS[1])
    ceremony.draw_close_commitments(draw=draw, by=cast.office)
    ceremony.draw_reveal(draw=draw, by=cast.inspector, secret=SECRETS[1])
    url = reverse("draws:detail", args=[draw.pk])
    assert SECRETS[1] not in login(cast.office).get(url).text
    assert SECRETS[1] in login(cast.inspector).get(url).text
    record = login(cast.office).get(f"/api/draws/{draw.pk}").json()
    assert record["reveals"][0]["secret"] is None
    ceremony.draw_reveal(draw=draw, by=cast.office, secret=SECRETS[0])
    assert SECRETS[1] in login(cast.office).get(url).text
