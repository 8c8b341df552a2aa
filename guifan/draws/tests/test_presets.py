"""重点评查 presets K01–K11: each selects, on a hand-made set of cases, exactly the cases in its
situation within the rule's year — and the office adds them as rules of a campaign."""

import datetime
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from guifan.cases.flags import flag_add, flag_remove
from guifan.cases.models import CaseComplaint, CaseFlag, Judgment, Supervision
from guifan.draws.frames import describe, frame_members
from guifan.draws.models import Population
from guifan.draws.rules import rule_create
from guifan.testing.factories import CaseFactory

IN, OUT = date(2015, 6, 1), date(2014, 6, 1)


def case(cast, no, **fields):
    return CaseFactory(case_no=f"甲区检K受〔2015〕{no}号", unit=cast.unit_a, **fields)


def judged(c, result, on=IN):
    Judgment.objects.create(case=c, seq=1, level="first", judged_on=on, result=result)
    return c


def flagged(c, kind, on=IN):
    CaseFlag.objects.create(case=c, seq=1, kind=kind, flagged_on=on, source="登记表")
    return c


def letter(c, on):
    at = timezone.make_aware(datetime.datetime.combine(on, datetime.time(9)))
    CaseComplaint.objects.create(case=c, seq=1, received_at=at, topic="申诉")
    return c


# preset -> (cases that must be selected, cases that must not), built from the cast.
SETS = {
    "k01": lambda cast: (
        [judged(case(cast, "0101"), "acquitted")],
        [judged(case(cast, "0102"), "guilty"), judged(case(cast, "0103"), "acquitted", OUT)],
    ),
    "k02": lambda cast: (
        [judged(case(cast, "0201"), "withdrawn"), case(cast, "0202", close_type="撤回起诉")],
        [
            case(cast, "0203", close_type="起诉"),
            case(cast, "0204", close_type="撤回起诉", close_date=OUT),
        ],
    ),
    "k03": lambda cast: (
        [case(cast, "0301", close_type="不批准逮捕"), case(cast, "0302", close_type="存疑不起诉")],
        [
            case(cast, "0303", close_type="批准逮捕"),
            case(cast, "0304", close_type="不起诉", close_date=OUT),
        ],
    ),
    "k04": lambda cast: (
        [case(cast, "0401", close_type="撤销案件", is_self_investigation=True)],
        [
            case(cast, "0402", close_type="撤销案件"),
            case(cast, "0403", close_type="移送起诉", is_self_investigation=True),
        ],
    ),
    "k05": lambda cast: (
        [
            judged(case(cast, "0501"), "amended"),
            judged(case(cast, "0502"), "remanded"),
            judged(case(cast, "0503"), "charge_changed"),
        ],
        [judged(case(cast, "0504"), "upheld"), judged(case(cast, "0505"), "amended", OUT)],
    ),
    "k06": lambda cast: (
        [flagged(case(cast, "0601"), "compensation")],
        [flagged(case(cast, "0602"), "media"), flagged(case(cast, "0603"), "compensation", OUT)],
    ),
    "k07": lambda cast: (
        [letter(case(cast, "0701"), IN)],
        [letter(case(cast, "0702"), OUT), case(cast, "0703")],
    ),
    "k08": lambda cast: (
        [
            case(cast, "0801", supervision=Supervision.PROVINCE),
            flagged(case(cast, "0802"), "referral"),
        ],
        [case(cast, "0803"), case(cast, "0804", supervision=Supervision.CITY, close_date=OUT)],
    ),
    "k09": lambda cast: (
        [flagged(case(cast, "0901"), "discipline"), flagged(case(cast, "0902"), "intervention")],
        [flagged(case(cast, "0903"), "referral"), flagged(case(cast, "0904"), "intervention", OUT)],
    ),
    "k10": lambda cast: (
        [flagged(case(cast, "1001"), "media")],
        [flagged(case(cast, "1002"), "discipline"), case(cast, "1003")],
    ),
    "k11": lambda cast: (
        [flagged(case(cast, "1101"), "execution"), case(cast, "1102", category="减刑、假释监督")],
        [
            case(cast, "1103", category="执行监督"),
            case(cast, "1104", category="暂予监外执行监督", close_date=OUT),
        ],
    ),
}


@pytest.fixture
def campaign(cast):
    from guifan.campaigns import services

    campaign = services.campaign_create_from_template(
        template="look_back", year=2016, issuing_unit=cast.city, by=cast.office
    )
    services.campaign_start(campaign=campaign, by=cast.office)
    return campaign


@pytest.mark.parametrize("preset", sorted(SETS))
def test_each_preset_selects_exactly_its_cases(campaign, cast, preset):
    selected, other = SETS[preset](cast)
    rule = rule_create(campaign=campaign, by=cast.office, population=preset, year=2015)
    frame = sorted(case_no for _stratum, case_no in frame_members(rule))
    assert frame == sorted(c.case_no_norm for c in selected)
    assert not {c.case_no_norm for c in other} & set(frame)
    assert Population(preset).label.split(" ", 1)[1] in describe(rule)
    assert "2015年" in describe(rule)


def test_a_case_in_two_situations_is_in_the_frame_once(campaign, cast):
    both = judged(case(cast, "9901"), "acquitted")
    Judgment.objects.create(case=both, seq=2, level="second", judged_on=IN, result="acquitted")
    rule = rule_create(campaign=campaign, by=cast.office, population="k01", year=2015)
    assert [m for _s, m in frame_members(rule)] == [both.case_no_norm]


def test_only_the_office_adds_rules_and_each_gets_its_own_code(campaign, cast):
    with pytest.raises(PermissionDenied):
        rule_create(campaign=campaign, by=cast.liaison_a, population="k01", year=2015)
    with pytest.raises(ValidationError, match="年度"):
        rule_create(campaign=campaign, by=cast.office, population="k01", year=None)
    with pytest.raises(ValidationError, match="抽取比例"):
        rule_create(campaign=campaign, by=cast.office, population="k01", year=2015, ratio="2")
    first = rule_create(campaign=campaign, by=cast.office, population="k03", year=2015)
    again = rule_create(campaign=campaign, by=cast.office, population="k03", year=2014, ratio="0.5")
    assert (first.code, again.code) == ("k03", "k03-2")
    routine = rule_create(
        campaign=campaign, by=cast.office, population="closed", year=2015, ratio="0.1"
    )
    assert routine.exclude_evaluated and routine.name == "当年办结案件"


def test_the_office_adds_a_rule_from_the_draws_page(campaign, cast, login):
    from django.urls import reverse

    url = reverse("draws:rule_create", args=[campaign.pk])
    data = {"population": "k07", "year": 2015, "ratio": "1", "stratify": "unit"}
    assert login(cast.liaison_a).post(url, data).status_code in (403, 404)
    login(cast.office).post(url, data)
    page = login(cast.office).get(reverse("draws:campaign", args=[campaign.pk])).content
    assert "K07 涉法涉诉信访" in page.decode()


def test_a_mark_added_by_hand_puts_the_case_in_its_preset(campaign, cast):
    marked = case(cast, "9801")
    flag = flag_add(
        case=marked, by=cast.liaison_a, kind="compensation", flagged_on=IN, source="赔偿决定书"
    )
    rule = rule_create(campaign=campaign, by=cast.office, population="k06", year=2015)
    assert [m for _s, m in frame_members(rule)] == [marked.case_no_norm]
    flag_remove(flag=flag, by=cast.office, reason="赔偿决定系另案")
    assert frame_members(rule) == []
