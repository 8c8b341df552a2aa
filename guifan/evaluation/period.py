"""The evaluation period and what fits in it: the office fixes first and last day, cases per
evaluator and working day, and the 评查方式; an evaluator given more cases than fit is
warned about on the assignment page, and a manual move that would overload is refused."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from guifan.campaigns.models import Campaign
from guifan.campaigns.services import office_of
from guifan.core.deadlines import calendar
from guifan.evaluation.models import AssignmentStatus, EvaluationMode, EvaluationPeriod
from guifan.journal.services import record
from guifan.journal.verbs import Verb
from guifan.org.models import Person


def working_days(start: date, end: date) -> int:
    cal = calendar()
    return sum(1 for n in range((end - start).days + 1) if cal.is_workday(start + timedelta(n)))


def period_of(campaign: Campaign) -> EvaluationPeriod | None:
    return EvaluationPeriod.objects.filter(campaign=campaign).first()


def capacity(period: EvaluationPeriod) -> int:
    """Cases one evaluator can evaluate in the period."""
    return working_days(period.start, period.end) * period.cases_per_day


@transaction.atomic
def period_set(*, campaign: Campaign, by, start: date, end: date, cases_per_day: int | None = None,
               mode: str = EvaluationMode.ONLINE) -> EvaluationPeriod:  # fmt: skip
    """Fix (or change) the period; tasks not yet started take its last day as their deadline
    and its 评查方式."""
    from guifan.evaluation.services import evaluation_deadline

    office_of(by, campaign)
    per_day = cases_per_day or settings.GUIFAN_EVALUATION_CASES_PER_DAY
    if start is None or end is None or start > end:
        raise ValidationError(_("请填写评查开始和结束日期，开始日期不能晚于结束日期。"))
    last = evaluation_deadline(campaign)
    if end > last:
        raise ValidationError(
            _("评查结束日期不能晚于案件评查环节的截止日期（%(d)s）。") % {"d": last.isoformat()}
        )
    if not 1 <= per_day <= 20 or mode not in EvaluationMode.values:
        raise ValidationError(
            _("每人每个工作日评查件数须在 1 到 20 之间，评查方式须为网上或调阅纸质卷宗。")
        )
    if working_days(start, end) == 0:
        raise ValidationError(_("评查期间没有工作日。"))
    period, _created = EvaluationPeriod.objects.update_or_create(
        campaign=campaign,
        defaults={"start": start, "end": end, "cases_per_day": per_day, "mode": mode, "set_by": by},
    )
    campaign.assignments.filter(status=AssignmentStatus.ASSIGNED).update(deadline=end, mode=mode)
    payload = {"start": start, "end": end, "per_day": per_day, "mode": period.get_mode_display()}
    record(actor=by, verb=Verb.PERIOD_SET, target=campaign, payload=payload)
    return period


@dataclass(frozen=True)
class Overload:
    person: Person
    tasks: int
    fits: int

    def text(self) -> str:
        return _("%(p)s 分到 %(n)s 件，评查期内最多能评查 %(m)s 件。") % {
            "p": self.person, "n": self.tasks, "m": self.fits,
        }  # fmt: skip


def overloads(campaign: Campaign) -> list[Overload]:
    """Evaluators with more tasks than fit in the period (none when no period is fixed)."""
    period = period_of(campaign)
    if period is None:
        return []
    fits = capacity(period)
    loads = campaign.assignments.values("evaluator").annotate(n=Count("pk")).filter(n__gt=fits)
    people = Person.objects.in_bulk([row["evaluator"] for row in loads])
    return [Overload(people[row["evaluator"]], row["n"], fits) for row in loads]


def check_room(campaign: Campaign, person: Person) -> None:
    """Refuse one more task for an evaluator whose period is already full."""
    period = period_of(campaign)
    if period is None:
        return
    fits = capacity(period)
    load = campaign.assignments.filter(evaluator=person).count()
    if load + 1 > fits:
        raise ValidationError(
            _("%(p)s 已有 %(n)s 件，评查期内最多能评查 %(m)s 件，不能再增加。")
            % {"p": person, "n": load, "m": fits}
        )
