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
from functools import cached_property

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


# The order rows are listed in; both evaluation kinds are the page's "evaluations".
KINDS = ("complaint", "rectification", "recurrence", "evaluation", "evaluation_result")
SHOWN = 50  # rows on the campaign page


class Gate:
    """The gate of one campaign: each kind's count from one COUNT query, and the rows (reason
    and link per open matter) built only for as many as are asked for, so that the campaign
    page and the CLI stay fast with tens of thousands of open items."""

    def __init__(self, campaign) -> None:
        self.campaign = campaign
        self._open = _open_matters(campaign)
        self.counts = {kind: self._open[kind].count() for kind in KINDS}

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def closable(self) -> bool:
        return not self.total

    def rows(self, kind: str, limit: int | None = None) -> list[Blocker]:
        """One kind's open matters in unit order, the first ``limit`` of them (all: None)."""
        if not self.counts[kind]:
            return []
        matters = self._open[kind] if limit is None else self._open[kind][:limit]
        today = clock.today()
        return [_ROW[kind](matter, today) for matter in matters]

    def first(self, limit: int | None) -> list[Blocker]:
        """The first ``limit`` blockers across the kinds, in the order of ``blockers``."""
        found: list[Blocker] = []
        for kind in KINDS:
            if limit is not None and len(found) >= limit:
                break
            found += self.rows(kind, None if limit is None else limit - len(found))
        return found

    @cached_property
    def shown(self) -> list[Blocker]:
        """The rows a page lists (the export has them all)."""
        return self.first(SHOWN)

    @property
    def complaints(self) -> list[Blocker]:
        return self.rows("complaint")

    @property
    def items(self) -> list[Blocker]:
        return self.rows("rectification")

    @property
    def recurrences(self) -> list[Blocker]:
        return self.rows("recurrence")

    @property
    def evaluations(self) -> list[Blocker]:
        return self.rows("evaluation") + self.rows("evaluation_result")

    @property
    def evaluations_open(self) -> int:
        return self.counts["evaluation"] + self.counts["evaluation_result"]

    @property
    def blockers(self) -> list[Blocker]:
        return self.first(None)

    def as_dict(self, limit: int | None = None) -> dict:
        """``closable``, ``total`` and ``counts`` per kind, and the first ``limit`` blockers."""
        return {
            "closable": self.closable,
            "total": self.total,
            "counts": dict(self.counts),
            "blockers": [b.as_dict() for b in self.first(limit)],
        }

    def summary(self) -> str:
        """Why the campaign cannot close, in one sentence."""
        c = self.counts
        text = _(
            "“三个不放过”尚未做到，不能结束活动：未办结的群众反映 %(c)d 件，"
            "未销号的整改问题 %(i)d 项，未处置的复发问题 %(r)d 项"
        ) % {"c": c["complaint"], "i": c["rectification"], "r": c["recurrence"]}
        if c["evaluation"]:
            text += _("，尚未定案且有需整改问题的评查登记表 %(e)d 份") % {"e": c["evaluation"]}
        if c["evaluation_result"]:
            text += _("，待合议、听取说明或审定的案件评查结论 %(e)d 件") % {
                "e": c["evaluation_result"]
            }
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
    return Gate(campaign)


def _open_matters(campaign) -> dict:
    from guifan.evaluation.models import CaseResult, EvaluationForm, FormStatus, ResultStatus

    waiting = (ResultStatus.DELIBERATION, ResultStatus.EXPLANATION, ResultStatus.APPROVAL)

    return {
        "complaint": Complaint.objects.filter(campaign=campaign)
        .exclude(status=ComplaintStatus.CONCLUDED)
        .select_related("unit")
        .order_by("unit__path", "received_on", "pk"),
        "rectification": Item.objects.filter(campaign=campaign)
        .exclude(status=ItemStatus.CLOSED)
        .select_related("unit")
        .order_by("unit__path", "deadline", "pk"),
        "recurrence": Recurrence.objects.pending()
        .filter(item__campaign=campaign)
        .select_related("item__unit", "earlier", "earlier_baseline")
        .order_by("item__unit__path", "pk"),
        # distinct through the findings join, counted as forms
        "evaluation": EvaluationForm.objects.filter(
            pk__in=EvaluationForm.objects.filter(
                assignment__campaign=campaign, findings__rectify=True
            )
            .exclude(status=FormStatus.FINAL)
            .values("pk")
        )
        .select_related("assignment__case__unit")
        .order_by("assignment__case__unit__path", "pk"),
        "evaluation_result": CaseResult.objects.filter(campaign=campaign, status__in=waiting)
        .select_related("case__unit")
        .order_by("case__unit__path", "pk"),
    }


def _evaluation_row(f, today) -> Blocker:
    return Blocker(
        "evaluation",
        f.pk,
        f.assignment.case.unit.code,
        f.assignment.case.unit.short_name,
        _("%(case)s的评查结果尚未定案（%(s)s），其中需整改的问题定案后列入整改清单")
        % {"case": f.assignment.case.case_no, "s": f.get_status_display()},
        reverse("evaluation:form_detail", args=[f.pk]),
    )


def _result_row(r, today) -> Blocker:
    return Blocker(
        "evaluation_result",
        r.pk,
        r.case.unit.code,
        r.case.unit.short_name,
        _("%(case)s的评查结论%(s)s，尚无审定等次")
        % {"case": r.case.case_no, "s": r.get_status_display()},
        reverse("evaluation:result", args=[r.pk]),
    )


def _complaint_row(c, today) -> Blocker:
    url = reverse("complaints:detail", args=[c.pk])
    return Blocker("complaint", c.pk, c.unit.code, c.unit.short_name, _complaint_reason(c), url)


def _item_row(i, today) -> Blocker:
    reason, url = _item_reason(i, today), reverse("rectification:detail", args=[i.pk])
    return Blocker("rectification", i.pk, i.unit.code, i.unit.short_name, reason, url)


def _recurrence_row(r, today) -> Blocker:
    return Blocker(
        "recurrence",
        r.item_id,  # the item marked as a recurrence: what people open and talk about
        r.item.unit.code,
        r.item.unit.short_name,
        _("改后又复发（此前%(e)s已于 %(d)s 销号），尚未处置")
        % {"e": r.earlier_label, "d": r.earlier_closed_on.isoformat()},
        reverse("rectification:detail", args=[r.item_id]),
    )


_ROW = {
    "complaint": _complaint_row,
    "rectification": _item_row,
    "recurrence": _recurrence_row,
    "evaluation": _evaluation_row,
    "evaluation_result": _result_row,
}
