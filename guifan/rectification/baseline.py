"""The 2015 整改台账 (问题清单) as the look-back's starting point: imported through the case
importer (kind ``baseline_items``), and its open rows taken over into a campaign's
rectification list as 2015 遗留, where they hold the gate like any other item. Its closed rows
are what 改后又复发 compares new problems with (rectification.recurrence)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from guifan.campaigns.models import OPEN_STATUSES, Campaign
from guifan.cases.importing import values as v
from guifan.cases.importing.columns import Column, Spec, choice
from guifan.cases.importing.resolve import ParsedRow
from guifan.cases.importing.writers import CaseWriter
from guifan.journal.verbs import Verb
from guifan.rectification.models import BaselineItem, Item, ItemStatus, Source
from guifan.rectification.recurrence import recurrences_redetect
from guifan.rectification.services import Draft, _create
from guifan.rectification.taxonomy import classify

_status = choice(
    ItemStatus,
    "整改状态",
    待整改="open",
    整改完毕="done",
    已完成="closed",
    完成="closed",
    销号="closed",
)
_UNIT_COLUMNS = (
    Column("unit_code", "单位编码", ("dwbm",)),
    Column("unit_name", "单位", ("承办单位", "单位名称", "被检查单位")),
    Column("department_name", "部门", ("承办部门", "责任部门")),
    Column("handler_staff_no", "承办人工号", ("责任人工号",)),
    Column("handler_name", "承办人", ("承办人姓名", "责任人")),
)


def _closed_has_date(values: dict[str, Any]) -> tuple[str, str] | None:
    if values.get("status") == ItemStatus.CLOSED and not values.get("closed_on"):
        return "销号日期", _("整改状态为已销号的，须填写销号日期")
    closed, found = values.get("closed_on"), values.get("found_on")
    if closed and found and closed < found:
        return "销号日期", _("销号日期早于发现日期")
    return None


class BaselineItemWriter(CaseWriter):
    """Rows keyed by 问题编号; unit, department and handler resolved as for cases."""

    model = BaselineItem
    identity_fields = frozenset({"ref"})

    def prepare(self, row: ParsedRow) -> tuple[ParsedRow, dict] | None:
        prepared = super().prepare(row)
        if prepared is not None and not prepared[1].get("code"):
            # A row without its own code gets the one its words name (taxonomy.classify).
            prepared[1]["code"] = classify(prepared[1]["description"])
        return prepared

    def existing(self, keys: list[str]) -> dict[str, tuple]:
        rows = BaselineItem.objects.filter(ref__in=keys).values_list(
            "ref", "pk", "row_hash", "unit_id"
        )
        return {ref: (pk, row_hash, unit_id) for ref, pk, row_hash, unit_id in rows}

    def journal_item(self, pk: int, values: dict, diff: dict) -> tuple:
        return (
            Verb.BASELINE_UPDATE,
            ("rectification.baselineitem", str(pk), values["ref"]),
            {"fields": sorted(diff)},
        )


def _adopt_after_import(user) -> None:
    for campaign in Campaign.objects.filter(status__in=OPEN_STATUSES):
        with transaction.atomic():
            baseline_adopt(campaign=campaign, by=user)
            recurrences_redetect(campaign)


BASELINE_ITEMS = Spec(
    "baseline_items",
    "2015年整改台账",
    BaselineItem,
    (
        Column("ref", "问题编号", ("编号", "台账编号"), required=True),
        *_UNIT_COLUMNS,
        Column("category", "问题类别", ("类别", "问题类型"), required=True),
        Column("code", "问题编码", ("问题代码", "细目编码")),
        Column("description", "问题描述", ("存在问题", "问题"), required=True),
        Column("measures", "整改措施", ("措施",)),
        Column("status", "整改状态", ("整改情况",), _status, required=True),
        Column("found_on", "发现日期", ("查摆日期",), v.parse_date, required=True),
        Column("deadline", "整改时限", ("整改期限",), v.parse_date),
        Column("closed_on", "销号日期", ("整改完成日期",), v.parse_date),
    ),
    checks=(_closed_has_date,),
    writer=BaselineItemWriter,
    key="ref",
    after=_adopt_after_import,
)


@transaction.atomic
def baseline_adopt(*, campaign: Campaign, by=None) -> list[Item]:
    """Every 2015 row still owed by a unit taking part goes on the campaign's list (once, in
    the first campaign that takes it over), in
    the state the ledger gives it (未整改, 整改中, or 已整改 awaiting 销号) and due with the
    campaign's report deadline."""
    units = campaign.participants.values_list("unit_id", flat=True)
    # Once: a later campaign does not take over again what an earlier one already carries.
    taken = Item.objects.filter(baseline__isnull=False).values("baseline_id")
    rows = (
        BaselineItem.objects.owed()
        .filter(unit__in=units)
        .exclude(pk__in=taken)
        .select_related("unit")
        .order_by("unit__path", "ref")
    )
    items = []
    for row in rows:
        draft = Draft(
            category=row.category,
            code=row.code,
            description=row.description,
            measures=row.measures,
            # 3月底前完成各项工作: a 2015 leftover is due with the campaign, whatever its
            # original 整改时限 (kept on the ledger row).
            deadline=campaign.report_deadline,
            found_on=row.found_on,
            department_id=row.department_id,
            handler_id=row.handler_id,
        )
        item = _create(
            campaign=campaign,
            unit=row.unit,
            source=Source.BASELINE,
            draft=draft,
            by=by,
            baseline=row,
        )
        if row.status != ItemStatus.OPEN:
            Item.objects.filter(pk=item.pk).update(status=row.status)
            item.status = row.status
        items.append(item)
    return items
