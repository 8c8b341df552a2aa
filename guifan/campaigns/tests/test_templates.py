"""Campaign templates beyond the seed: 常规抽查 (yearly), 专项评查 (one theme) and 重点评查
(every must-select case), each created by the office — from the page or the command line —
with its tracks and its draw rules."""

import json
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from guifan.campaigns import services
from guifan.campaigns.models import Campaign
from guifan.cli import main
from guifan.draws.frames import frame_members
from guifan.testing.factories import CaseFactory


def create(cast, template, **options) -> Campaign:
    return services.campaign_create_from_template(
        template=template, year=2017, issuing_unit=cast.city, by=cast.office, **options
    )


def rules(campaign) -> list[tuple]:
    found = campaign.draw_rules.order_by("position")
    return list(found.values_list("code", "population", "ratio", "count", "year"))


def test_routine_draws_a_tenth_of_last_years_closed_cases(cast):
    campaign = create(cast, "routine")
    assert campaign.name == "2017年案件质量常规抽查"
    assert [t.kind for t in campaign.tracks.all()] == ["evaluation", "report"]
    assert rules(campaign) == [
        ("new", "closed", "0.10", None, 2016),
        ("evaluators", "pool", "", 3, None),
    ]
    assert campaign.draw_rules.get(code="new").exclude_evaluated


def test_special_takes_one_theme_and_draws_its_cases(cast):
    with pytest.raises(ValidationError, match="主题"):
        create(cast, "special")
    with pytest.raises(ValidationError, match="主题"):
        create(cast, "special", theme="k99")
    with pytest.raises(ValidationError, match="不设专项主题"):
        create(cast, "routine", theme="k03")
    campaign = create(cast, "special", theme="k03")
    assert campaign.name == "2017年专项评查（不批准逮捕、不起诉案件）"
    assert [t.kind for t in campaign.tracks.all()] == ["self_exam", "evaluation", "report"]
    assert campaign.tracks.get(kind="self_exam").departments
    assert rules(campaign) == [
        ("theme", "k03", "0.50", None, 2016),
        ("evaluators", "pool", "", 3, None),
    ]
    theme = CaseFactory(unit=cast.unit_a, close_type="不起诉", close_date=date(2016, 5, 1))
    CaseFactory(unit=cast.unit_a, close_type="起诉", close_date=date(2016, 5, 1))
    CaseFactory(unit=cast.unit_b, close_type="不起诉", close_date=date(2015, 5, 1))
    members = frame_members(campaign.draw_rules.get(code="theme"))
    assert [case_no for _stratum, case_no in members] == [theme.case_no_norm]


def test_key_evaluates_every_case_of_k01_to_k11(cast):
    campaign = create(cast, "key")
    assert campaign.name == "2017年重点案件评查"
    found = rules(campaign)
    assert [r[0] for r in found] == [f"k{n:02d}" for n in range(1, 12)] + ["evaluators"]
    assert all(r[2] == "1" and r[4] == 2016 for r in found[:-1])


def test_only_the_office_creates_them(cast):
    with pytest.raises(PermissionDenied):
        services.campaign_create_from_template(
            template="key", year=2017, issuing_unit=cast.city, by=cast.liaison_a
        )


def test_the_office_creates_a_themed_campaign_from_the_page(cast, login):
    url = reverse("campaigns:create")
    data = {"template": "special", "year": 2017, "theme": "k06", "departments": "none"}
    assert login(cast.liaison_a).post(url, data).status_code == 403
    page = login(cast.office).get(url).content.decode()
    assert "常规抽查" in page and "重点案件评查" in page and "国家赔偿案件" in page
    response = login(cast.office).post(url, {**data, "theme": ""})
    assert response.status_code == 200 and "专项评查须选定一个主题" in response.content.decode()
    response = login(cast.office).post(url, data)
    campaign = Campaign.objects.get()
    assert response["Location"] == reverse("campaigns:detail", args=[campaign.pk])
    assert (campaign.theme, campaign.department_tasks) == ("k06", "none")
    assert campaign.draw_rules.get(code="theme").population == "k06"


def test_the_cli_creates_a_campaign_from_a_template(cast, capsys):
    code = cast.city.code
    args = ["campaign", "create", "--template", "routine", "--year", "2018", "--unit", code]
    assert main([*args, "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["name"] == "2018年案件质量常规抽查" and row["rules"] == ["new", "evaluators"]
    assert Campaign.objects.get(pk=row["id"]).status == "draft"
    assert (
        main(["campaign", "create", "--template", "special", "--year", "2018", "--unit", code]) == 1
    )
    assert "专项评查须选定一个主题" in capsys.readouterr().err
