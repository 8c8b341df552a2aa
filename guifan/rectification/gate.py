"""The "三个不放过" gate: what still stands between a campaign and being closed.

群众有反映没有查清的不放过 — every complaint of the campaign has a conclusion;
整改落实不到位的不放过 — every item on its rectification list is 已销号;
改后又复发的不放过 — every recurrence has been dealt with.

Beyond the three, evaluation results that are not yet final also block: forms holding findings
marked 需整改 (their items would otherwise arrive after the campaign closed) and case results
waiting for the 评查组合议, the handler's explanation or the 审定 (a campaign does not close on
a case without its one final grade).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from guifan.complaints.models import Complaint, ComplaintStatus
from guifan.core import clock
from guifan.core.scoping import scope_of
from guifan.rectification.models import Item, ItemStatus, Recurrence


@dataclass(frozen=True)
class Blocker:
    kind: str  # complaint / rectification / recurrence / evaluation / evaluation_result
    id: int
    unit: str  # unit code
    unit_name: str
    reason: str
    url: str

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Gate:
    complaints: list[Blocker]
    items: list[Blocker]
    recurrences: list[Blocker]
    # Evaluation results not yet final whose findings are marked 需整改: their items are still
    # to come, so closing now would let them arrive on a closed campaign.
    evaluations: list[Blocker]

    @property
    def blockers(self) -> list[Blocker]:
        return [*self.complaints, *self.items, *self.recurrences, *self.evaluations]

    @property
    def closable(self) -> bool:
        return not self.blockers

    def as_dict(self) -> dict:
        return {"closable": self.closable, "blockers": [b.as_dict() for b in self.blockers]}

    def summary(self) -> str:
        """Why the campaign cannot close, in one sentence."""
        text = _(
            "“三个不放过”尚未做到，不能结束活动：未办结的群众反映 %(c)d 件，"
            "未销号的整改问题 %(i)d 项，未处置的复发问题 %(r)d 项"
        ) % {"c": len(self.complaints), "i": len(self.items), "r": len(self.recurrences)}
        forms = [b for b in self.evaluations if b.kind == "evaluation"]
        if forms:
            text += _("，尚未定案且有需整改问题的评查登记表 %(e)d 份") % {"e": len(forms)}
        waiting = len(self.evaluations) - len(forms)
        if waiting:
            text += _("，待合议、听取说明或审定的案件评查结论 %(e)d 件") % {"e": waiting}
        return text + "。"


def _complaint_reason(c: Complaint) -> str:
    if c.status == ComplaintStatus.RECEIVED:
        return _("群众反映尚未交办调查（%(d)s 收到）") % {"d": c.received_on.isoformat()}
    return _("群众反映调查中，尚无调查结论")


def _item_reason(item: Item, today) -> str:
    state = item.get_status_display()
    if item.status == ItemStatus.DONE:
        return _("已整改，待核查销号")
    if today > item.deadline:
        return _("%(s)s，已超整改时限 %(n)d 天") % {"s": state, "n": (today - item.deadline).days}
    return _("%(s)s，整改时限 %(d)s") % {"s": state, "d": item.deadline.isoformat()}


def may_see_gate(user, campaign) -> bool:
    """The gate lists every unit's open matters: the issuing unit's office and inspection."""
    return scope_of(user).oversees(campaign.issuing_unit_id)


def campaign_gate(campaign) -> Gate:
    """Every open complaint, item and recurrence of the campaign, in unit order."""
    today = clock.today()
    complaints = (
        Complaint.objects.filter(campaign=campaign)
        .exclude(status=ComplaintStatus.CONCLUDED)
        .select_related("unit")
        .order_by("unit__path", "received_on", "pk")
    )
    items = (
        Item.objects.filter(campaign=campaign)
        .exclude(status=ItemStatus.CLOSED)
        .select_related("unit")
        .order_by("unit__path", "deadline", "pk")
    )
    recurrences = (
        Recurrence.objects.pending()
        .filter(item__campaign=campaign)
        .select_related("item__unit", "earlier", "earlier_baseline")
        .order_by("item__unit__path", "pk")
    )
    from guifan.evaluation.models import CaseResult, EvaluationForm, FormStatus, ResultStatus

    pending = (
        EvaluationForm.objects.filter(assignment__campaign=campaign, findings__rectify=True)
        .exclude(status=FormStatus.FINAL)
        .select_related("assignment__case__unit")
        .distinct()
        .order_by("assignment__case__unit__path", "pk")
    )
    waiting = (
        CaseResult.objects.filter(campaign=campaign)
        .filter(
            status__in=(ResultStatus.DELIBERATION, ResultStatus.EXPLANATION, ResultStatus.APPROVAL)
        )
        .select_related("case__unit")
        .order_by("case__unit__path", "pk")
    )
    return Gate(
        evaluations=[
            Blocker(
                "evaluation",
                f.pk,
                f.assignment.case.unit.code,
                f.assignment.case.unit.short_name,
                _("%(case)s的评查结果尚未定案（%(s)s），其中需整改的问题定案后列入整改清单")
                % {"case": f.assignment.case.case_no, "s": f.get_status_display()},
                reverse("evaluation:form_detail", args=[f.pk]),
            )
            for f in pending
        ]
        + [
            Blocker(
                "evaluation_result",
                r.pk,
                r.case.unit.code,
                r.case.unit.short_name,
                _("%(case)s的评查结论%(s)s，尚无审定等次")
                % {"case": r.case.case_no, "s": r.get_status_display()},
                reverse("evaluation:result", args=[r.pk]),
            )
            for r in waiting
        ],
        complaints=[
            Blocker(
                "complaint",
                c.pk,
                c.unit.code,
                c.unit.short_name,
                _complaint_reason(c),
                reverse("complaints:detail", args=[c.pk]),
            )
            for c in complaints
        ],
        items=[
            Blocker(
                "rectification",
                i.pk,
                i.unit.code,
                i.unit.short_name,
                _item_reason(i, today),
                reverse("rectification:detail", args=[i.pk]),
            )
            for i in items
        ],
        recurrences=[
            Blocker(
                "recurrence",
                r.item_id,  # the item marked as a recurrence: what people open and talk about
                r.item.unit.code,
                r.item.unit.short_name,
                _("改后又复发（此前%(e)s已于 %(d)s 销号），尚未处置")
                % {"e": r.earlier_label, "d": r.earlier_closed_on.isoformat()},
                reverse("rectification:detail", args=[r.item_id]),
            )
            for r in recurrences
        ],
    )
