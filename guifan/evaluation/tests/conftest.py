import pytest

from guifan.draws.models import DrawRule
from guifan.draws.tests.conftest import campaign, rule, run_ceremony  # noqa: F401
from guifan.evaluation import services


@pytest.fixture
def drawn_campaign(campaign, cast):  # noqa: F811
    """The test campaign with every rule drawn, the case rules at 100 %: 18 cases (the
    supervised one needing two evaluators, so 19 tasks) and all 7 evaluators of the pool
    (3 of unit A, 4 of unit B)."""
    from guifan.draws import services as draws

    for code in ("recheck", "new", "key", "evaluators"):
        draw_rule = DrawRule.objects.get(campaign=campaign, code=code)
        if code in ("recheck", "new"):
            draws.rule_update(rule=draw_rule, by=cast.office, ratio="1", count=None, year=2015,
                              exclude_evaluated=True)  # fmt: skip
        if code == "evaluators":  # the whole pool, so that the units' mix is always the same
            draws.rule_update(rule=draw_rule, by=cast.office, ratio="", count=4, year=None,
                              exclude_evaluated=True)  # fmt: skip
        run_ceremony(draws.draw_freeze(rule=draw_rule, by=cast.office), cast)
    return campaign


@pytest.fixture
def assigned(drawn_campaign, cast):
    run = services.assignment_run(campaign=drawn_campaign, by=cast.office)
    assert run.feasible, run.explanations
    return drawn_campaign
