"""The rule builder: conditions over case attributes and process records narrow a rule's
population, all of them met, records counted within the rule's year; a bad one is refused in
Chinese; the draw stays a frozen, verifiable set of case ids."""

import datetime
import json
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from guifan.cases.models import CaseComplaint, Extension, Judgment, SupplementaryInvestigation
from guifan.cli import main
from guifan.draws import services
from guifan.draws.frames import describe, frame_members
from guifan.draws.rules import rule_create
from guifan.draws.tests.conftest import started_campaign
from guifan.journal.models import Entry
from guifan.journal.sentences import describe as describe_entries
from guifan.testing.factories import CaseFactory

IN, OUT = date(2015, 6, 1), date(2014, 6, 1)


@pytest.fixture
def campaign(cast):
    return started_campaign(cast)


@pytest.fixture
def world(cast):
    """Cases of unit A closed in 2015, each with one attribute or record (or one out of year)."""
    made = {}

    def case(name, **fields):
        made[name] = CaseFactory(
            case_no=f"甲区检C受〔2015〕{len(made):04d}号", unit=cast.unit_a, close_date=IN, **fields
        )
        return made[name]

    case("plain", close_type="起诉")
    case("not_charged", close_type="存疑不起诉")
    for name, result, on in [("acquitted", "acquitted", IN), ("acquitted_2014", "acquitted", OUT),
                             ("guilty", "guilty", IN)]:  # fmt: skip
        Judgment.objects.create(case=case(name), seq=1, level="first", judged_on=on, result=result)
    case("province", supervision="province")
    case("city", supervision="city")
    for name, on in [("letter", IN), ("letter_2014", OUT)]:
        at = timezone.make_aware(datetime.datetime.combine(on, datetime.time(9)))
        CaseComplaint.objects.create(case=case(name), seq=1, received_at=at, topic="申诉")
    for name, kind, on in [("extended", "prosecution_review", IN), ("detained", "detention", IN),
                           ("extended_2014", "prosecution_review", OUT)]:  # fmt: skip
        Extension.objects.create(
            case=case(name), seq=1, kind=kind, approver="chief", approved_on=on
        )
    for name, on in [("returned", IN), ("returned_2014", OUT)]:
        SupplementaryInvestigation.objects.create(case=case(name), seq=1, returned_on=on)
    case("evaluated_city", prior_eval_year=2014, prior_eval_tier="city")
    case("evaluated_county", prior_eval_year=2013, prior_eval_tier="county")
    # Both a province supervision and an acquittal in 2015: the AND case.
    both = case("province_acquitted", supervision="province")
    Judgment.objects.create(case=both, seq=1, level="first", judged_on=IN, result="acquitted")
    return made


def frame_of(campaign, cast, world, *conditions, year=2015):
    rule = rule_create(
        campaign=campaign, by=cast.office, population="closed", year=year,
        conditions=[{"type": t, "value": v} for t, v in conditions],
    )  # fmt: skip
    ids = {c.case_no_norm: name for name, c in world.items()}
    return sorted(ids[case_no] for _s, case_no in frame_members(rule) if case_no in ids)


CASES = [
    ([("close_type", "不起诉")], ["not_charged"]),
    ([("judgment", "acquitted")], ["acquitted", "province_acquitted"]),
    ([("judgment", "无罪")], ["acquitted", "province_acquitted"]),  # by its Chinese label
    ([("supervision", "province")], ["province", "province_acquitted"]),
    ([("supervision", "市院挂牌督办")], ["city"]),
    ([("complaint", "")], ["letter"]),
    ([("extension", "")], ["detained", "extended"]),
    ([("extension", "延长审查起诉")], ["extended"]),
    ([("returned", "")], ["returned"]),
    ([("prior_tier", "city")], ["evaluated_city"]),
    ([("prior_year", "2013")], ["evaluated_county"]),
    ([("supervision", "province"), ("judgment", "acquitted")], ["province_acquitted"]),
    ([("supervision", "city"), ("judgment", "acquitted")], []),
]


@pytest.mark.parametrize(("conditions", "expected"), CASES)
def test_each_condition_selects_its_cases_and_they_combine_with_and(
    campaign, cast, world, conditions, expected
):
    assert frame_of(campaign, cast, world, *conditions) == expected


def test_records_are_counted_within_the_rules_year(campaign, cast, world):
    # The cases themselves were all closed in 2015; a 2014 rule over 2014 closures sees none,
    # and 2014 records of 2015 cases do not count for a 2015 rule (see the cases above).
    for name in ("acquitted_2014", "letter_2014", "extended_2014", "returned_2014"):
        world[name].close_date = OUT
        world[name].save()
    assert frame_of(campaign, cast, world, ("complaint", ""), year=2014) == ["letter_2014"]
    assert frame_of(campaign, cast, world, ("judgment", "acquitted"), year=2014) == [
        "acquitted_2014"
    ]
    assert frame_of(campaign, cast, world, ("returned", ""), year=2014) == ["returned_2014"]


@pytest.mark.parametrize(
    ("conditions", "message"),
    [
        ([{"type": "weather", "value": "晴"}], "不认识的抽取条件“weather”"),
        ([{"type": "judgment", "value": "有点罪"}], "取值“有点罪”不在可选范围内，可选：有罪、无罪"),
        ([{"type": "close_type", "value": " "}], "条件“结案方式包含”需要填写内容"),
        ([{"type": "prior_year", "value": "去年"}], "已评查年度应为四位年份"),
        ([{"type": "returned", "value": ""}] * 2, "抽取条件“当年有退回补充侦查”重复"),
        ([{"type": "returned"}] * 6, "抽取条件最多 5 项"),
        ("judgment=acquitted", "抽取条件格式不正确"),
    ],
)
def test_a_bad_condition_is_refused_in_chinese(campaign, cast, conditions, message):
    before = campaign.draw_rules.count()
    with pytest.raises(ValidationError, match=message):
        rule_create(
            campaign=campaign, by=cast.office, population="closed", year=2015,
            conditions=conditions,
        )  # fmt: skip
    assert campaign.draw_rules.count() == before


def test_a_liaison_cannot_add_a_rule_with_conditions(campaign, cast, login):
    before = campaign.draw_rules.count()
    with pytest.raises(PermissionDenied):
        rule_create(
            campaign=campaign, by=cast.liaison_a, population="closed", year=2015,
            conditions=[{"type": "returned", "value": ""}],
        )  # fmt: skip
    url = reverse("draws:rule_create", args=[campaign.pk])
    data = {"population": "closed", "year": 2015, "ratio": "1", "stratify": "unit",
            "condition_1": "returned"}  # fmt: skip
    assert login(cast.liaison_a).post(url, data).status_code in (403, 404)
    assert campaign.draw_rules.count() == before


def test_conditions_are_journaled_listed_and_frozen_into_the_draw(campaign, cast, world, capsys):
    conditions = [
        {"type": "supervision", "value": "province"},
        {"type": "judgment", "value": "无罪"},
    ]
    rule = rule_create(
        campaign=campaign, by=cast.office, population="closed", year=2015, conditions=conditions
    )
    stored = [
        {"type": "supervision", "value": "province"},
        {"type": "judgment", "value": "acquitted"},
    ]
    assert rule.conditions == stored
    entry = Entry.objects.filter(verb="draw.rule_create").latest("pk")
    assert json.loads(entry.payload)["conditions"] == stored
    assert describe_entries([entry])[0].endswith("抽取比例 1，附加条件 2 项")
    assert "且挂牌督办层级为省院挂牌督办；当年判决结果为无罪" in describe(rule)

    assert main(["draw", "list", "--json"]) == 0
    listed = {r["code"]: r for r in json.loads(capsys.readouterr().out)["rules"]}
    assert listed[rule.code]["conditions"] == stored
    assert listed[rule.code]["frame_size"] == 1

    draw = services.draw_freeze(rule=rule, by=cast.office)
    rule.conditions = []  # an edit after the freeze does not change what was frozen
    rule.save()
    draw.refresh_from_db()
    assert (draw.frame_size, draw.conditions) == (1, stored)
    assert "当年判决结果为无罪" in draw.filter_text


def test_the_office_adds_conditions_on_the_draws_page(campaign, cast, world, login):
    url = reverse("draws:rule_create", args=[campaign.pk])
    page = reverse("draws:campaign", args=[campaign.pk])
    data = {"population": "closed", "year": 2015, "ratio": "1", "stratify": "unit",
            "name": "退查且信访", "condition_1": "returned", "condition_2": "judgment",
            "value_2": "有点罪"}  # fmt: skip
    refused = login(cast.office).post(url, data, follow=True).content.decode()
    assert "取值“有点罪”不在可选范围内" in refused
    assert not campaign.draw_rules.filter(name="退查且信访").exists()
    lonely = login(cast.office).post(url, data | {"condition_2": ""}, follow=True)
    assert "条件 2 填了取值但没有选择条件类型" in lonely.content.decode()
    login(cast.office).post(url, data | {"value_2": ""} | {"condition_2": ""})
    rule = campaign.draw_rules.get(name="退查且信访")
    assert [m for _s, m in frame_members(rule)] == [world["returned"].case_no_norm]
    shown = login(cast.office).get(page).content.decode()
    assert "且当年有退回补充侦查" in shown and "条件 1" in shown
