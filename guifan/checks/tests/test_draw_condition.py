"""A draw rule may ask for cases with a confirmed check finding (registered by checks, so
draws does not import it): pending and dismissed findings do not count."""

from datetime import date

from guifan.checks.models import Finding, Run, RunStatus
from guifan.draws.frames import describe, frame_members
from guifan.draws.rules import rule_create
from guifan.testing.factories import CaseFactory


def test_only_cases_with_a_confirmed_finding_are_in_the_frame(campaign, cast):
    run = Run.objects.create(unit=cast.city, as_of=date(2016, 3, 22), status=RunStatus.DONE)
    cases = {}
    for n, status in enumerate(["confirmed", "pending", "dismissed", None]):
        case = CaseFactory(
            case_no=f"甲区检F受〔2015〕{n:04d}号", unit=cast.unit_a, close_date=date(2015, 6, 1)
        )
        cases[status] = case
        if status:
            Finding.objects.create(
                rule="R1-03", case=case, unit=cast.unit_a, explanation="超时", status=status,
                first_run=run, last_run=run,
            )  # fmt: skip
    rule = rule_create(
        campaign=campaign, by=cast.office, population="closed", year=2015,
        conditions=[{"type": "check_finding", "value": ""}],
    )  # fmt: skip
    assert [m for _s, m in frame_members(rule)] == [cases["confirmed"].case_no_norm]
    assert "且有已确认的智能检查问题" in describe(rule)
