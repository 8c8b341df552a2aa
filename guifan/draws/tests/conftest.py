import datetime

import pytest

from guifan.campaigns import services as campaign_services
from guifan.cases.models import Supervision
from guifan.draws import ceremony, services
from guifan.draws.models import Draw, DrawRule
from guifan.org.models import BusinessLine, TalentPoolMember, Tier
from guifan.testing.factories import CaseFactory, PersonFactory

SECRETS = ("办-骰子-3-6-1-4-2-5", "纪检-骰子-6-6-2-1-3-4")


def started_campaign(cast):
    """The seed's 2016 campaign, started, with no cases of its own."""
    campaign = campaign_services.campaign_create_from_template(
        template="look_back", year=2016, issuing_unit=cast.city, by=cast.office
    )
    campaign_services.campaign_start(campaign=campaign, by=cast.office)
    return campaign


@pytest.fixture
def campaign(cast):
    """The seed's 2016 campaign, started, over a small registry of 2015 cases and a pool."""
    campaign = started_campaign(cast)
    closed = datetime.date(2015, 6, 1)
    for n in range(10):
        evaluated = {"prior_eval_year": 2015, "prior_eval_tier": Tier.CITY} if n < 5 else {}
        CaseFactory(
            case_no=f"甲区检公诉受〔2015〕{n:04d}号",
            unit=cast.unit_a,
            close_date=closed,
            **evaluated,
        )
    for n in range(7):
        CaseFactory(case_no=f"乙县检侦监受〔2015〕{n:04d}号", unit=cast.unit_b, close_date=closed)
    # Under supervision: one closed in 2015 (evaluated by its county, so in no other frame),
    # one closed in 2014, outside the year the look-back looks at.
    CaseFactory(
        case_no="甲区检公诉受〔2015〕0000号督", unit=cast.unit_a, supervision=Supervision.CITY,
        close_date=closed, prior_eval_year=2015, prior_eval_tier=Tier.COUNTY,
    )  # fmt: skip
    CaseFactory(
        case_no="甲区检公诉受〔2014〕0002号督", unit=cast.unit_a, supervision=Supervision.CITY,
        close_date=datetime.date(2014, 12, 1),
    )  # fmt: skip
    # Outside the campaign (a unit that does not take part) and outside the year.
    CaseFactory(case_no="测省检公诉受〔2015〕0001号", unit=cast.province, close_date=closed)
    CaseFactory(
        case_no="甲区检公诉受〔2014〕0001号", unit=cast.unit_a, close_date=datetime.date(2014, 5, 1)
    )
    for n, line in enumerate([BusinessLine.GONGSU] * 4 + [BusinessLine.ZHENJIAN] * 3):
        TalentPoolMember.objects.create(
            pool_unit=cast.city,
            person=PersonFactory(unit=cast.unit_a if n % 2 else cast.unit_b),
            line=line,
            joined_on=datetime.date(2015, 1, 1),
        )
    return campaign


@pytest.fixture
def rule(campaign):
    return lambda code: DrawRule.objects.get(campaign=campaign, code=code)


def run_ceremony(draw: Draw, cast, secrets=SECRETS) -> Draw:
    ceremony.draw_commit(draw=draw, by=cast.office, role="office", secret=secrets[0])
    ceremony.draw_commit(draw=draw, by=cast.inspector, role="inspection", secret=secrets[1])
    ceremony.draw_close_commitments(draw=draw, by=cast.office)
    ceremony.draw_reveal(draw=draw, by=cast.inspector, secret=secrets[1])
    ceremony.draw_reveal(draw=draw, by=cast.office, secret=secrets[0])
    draw.refresh_from_db()
    return draw


@pytest.fixture
def drawn(cast, rule):
    """Draw a rule through the whole ceremony."""

    def _drawn(code: str) -> Draw:
        return run_ceremony(services.draw_freeze(rule=rule(code), by=cast.office), cast)

    return _drawn
