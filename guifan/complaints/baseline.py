"""群众反映 a campaign did not register itself but must clear (群众有反映没有查清的不放过):
the 2015 ledger's rows not yet concluded (imported as kind ``baseline_complaints``), and the
imported 信访 rows of its units' cases (kind ``complaints``) that were never answered or were
answered late. Each becomes a complaint of the campaign (once), to be assigned and concluded
like any other, so it holds the gate until then."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guifan.campaigns.models import OPEN_STATUSES, Campaign
from guifan.cases.importing import values as v
from guifan.cases.importing.columns import Column, Spec, choice
from guifan.cases.importing.resolve import ParsedRow
from guifan.cases.importing.writers import CaseWriter
from guifan.cases.models import Case, CaseComplaint
from guifan.cases.numbers import normalise_case_no
from guifan.complaints.models import BaselineComplaint, Channel, Complaint, ComplaintStatus
from guifan.core import clock
from guifan.core.deadlines import add_months
from guifan.journal.services import record
from guifan.journal.verbs import Verb

# 最高检信访工作要求: 7 日内程序性回复, 3 个月内答复办理结果 (RULES-AND-PROCESS.md R1-01/02).
PROCEDURAL_DAYS = 7
RESULT_MONTHS = 3

_channel = choice(Channel, "渠道", 信访="letter", 网上="online", 交办="referral", 转办="referral")
_status = choice(
    ComplaintStatus,
    "办理状态",
    未办结="received",
    待办="received",
    办理中="assigned",
    调查中="assigned",
    已结="concluded",
)


class BaselineComplaintWriter(CaseWriter):
    """Rows keyed by 编号; the unit as for cases, the case (if any) by its 部门受案号."""

    model = BaselineComplaint
    identity_fields = frozenset({"ref"})

    def prepare(self, row: ParsedRow) -> tuple[ParsedRow, dict] | None:
        prepared = super().prepare(row)
        if prepared is None:
            return None
        values = prepared[1]
        values["case_id"] = None
        if values.get("case_no"):
            found = Case.objects.filter(
                case_no_norm=normalise_case_no(values["case_no"]), unit_id=values["unit_id"]
            ).values_list("pk", flat=True)
            if not found:
                return self.reject(
                    row,
                    "部门受案号",
                    _("被反映单位没有部门受案号为“%(no)s”的案件（请先导入案件）")
                    % {"no": values["case_no"]},
                )
            values["case_id"] = found[0]
        return prepared

    def existing(self, keys: list[str]) -> dict[str, tuple]:
        rows = BaselineComplaint.objects.filter(ref__in=keys).values_list(
            "ref", "pk", "row_hash", "unit_id"
        )
        return {ref: (pk, row_hash, unit_id) for ref, pk, row_hash, unit_id in rows}

    def journal_item(self, pk: int, values: dict, diff: dict) -> tuple:
        return (
            Verb.BASELINE_UPDATE,
            ("complaints.baselinecomplaint", str(pk), values["ref"]),
            {"fields": sorted(diff)},
        )


def _adopt_after_import(user) -> None:
    for campaign in Campaign.objects.filter(status__in=OPEN_STATUSES):
        complaints_adopt(campaign=campaign, by=user)


BASELINE_COMPLAINTS = Spec(
    "baseline_complaints",
    "2015年群众反映",
    BaselineComplaint,
    (
        Column("ref", "编号", ("反映编号", "登记编号"), required=True),
        Column("unit_code", "单位编码", ("dwbm",)),
        Column("unit_name", "被反映单位", ("单位", "单位名称")),
        Column("received_on", "收到日期", ("来信来访日期", "受理日期"), v.parse_date, True),
        Column("channel", "渠道", ("来源", "反映渠道"), _channel, required=True),
        Column("complainant", "反映人", ("来信来访人",)),
        Column("case_no", "部门受案号", ("涉及案件", "受案号")),
        Column("content", "反映内容", ("反映事项", "内容"), required=True),
        Column("status", "办理状态", ("状态",), _status, required=True),
    ),
    writer=BaselineComplaintWriter,
    key="ref",
    after=_adopt_after_import,
)


def answered_late(row: CaseComplaint, today) -> bool:
    """Never answered, or answered after 7 days (procedural) or 3 months (result)."""
    received = clock.localdate(row.received_at)
    procedural_due = received + timedelta(days=PROCEDURAL_DAYS)
    if row.result_reply_at is None:
        return True
    if row.procedural_reply_at is None or clock.localdate(row.procedural_reply_at) > procedural_due:
        return True
    return clock.localdate(row.result_reply_at) > add_months(received, RESULT_MONTHS)


def _create(campaign, by, **fields) -> Complaint:
    complaint = Complaint.objects.create(campaign=campaign, created_by=by, **fields)
    record(
        actor=by,
        verb=Verb.COMPLAINT_REGISTER,
        target=complaint,
        payload={
            "unit": complaint.unit.code,
            "channel": complaint.channel,
            "campaign": campaign.pk,
            "origin": "baseline" if complaint.baseline_id else "case_complaint",
        },
    )
    return complaint


@transaction.atomic
def complaints_adopt(*, campaign: Campaign, by=None) -> list[Complaint]:
    """Take over, once, every uncleared 2015 complaint and every late or unanswered imported
    信访 row (received since the start of the year looked back at) of the units taking part."""
    units = list(campaign.participants.values_list("unit_id", flat=True))
    created = []
    rows = (
        BaselineComplaint.objects.filter(unit__in=units, complaint__isnull=True)
        .exclude(status=ComplaintStatus.CONCLUDED)
        .select_related("unit")
        .order_by("received_on", "pk")
    )
    for row in rows:
        created.append(
            _create(
                campaign,
                by,
                unit=row.unit,
                received_on=row.received_on,
                channel=row.channel,
                complainant=row.complainant,
                about=_("2015 遗留 %(ref)s") % {"ref": row.ref},
                case=row.case,
                content=row.content,
                baseline=row,
            )
        )
    since = timezone.make_aware(datetime(campaign.start_date.year - 1, 1, 1))
    today = clock.today()
    letters = (
        CaseComplaint.objects.filter(
            case__unit__in=units, received_at__gte=since, complaint__isnull=True
        )
        .select_related("case__unit")
        .order_by("received_at", "pk")
    )
    for row in letters:
        if not answered_late(row, today):
            continue
        created.append(
            _create(
                campaign,
                by,
                unit=row.case.unit,
                received_on=clock.localdate(row.received_at),
                channel=Channel.LETTER,
                about=row.case.case_no,
                case=row.case,
                content=row.topic or _("信访件（答复超期或未答复）"),
                case_complaint=row,
            )
        )
    return created
