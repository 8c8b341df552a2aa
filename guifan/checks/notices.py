"""流程监控通知书: the office over a case's unit tells its handler that a period ends soon or
has ended and asks for a reply within ``GUIFAN_MONITOR_REPLY_DAYS`` working days; the
handler replies; a reply not given by then is flagged. Journaled; the notice prints as a
公文 .docx."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from guifan.checks.models import MonitorNotice
from guifan.checks.monitor import Due, due_cases
from guifan.core import clock, gongwen
from guifan.core.deadlines import calendar
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.journal.services import record
from guifan.journal.verbs import Verb


def may_issue(user, case) -> bool:
    """The office over the case's unit (案件管理) issues notices."""
    return scope_of(user).acts_as(Role.OFFICE, case.unit_id)


def due_of(case) -> Due | None:
    """The case's monitored period when it ends within the warning days or has ended; None
    for a closed case, another stage or a period further off."""
    found = due_cases(Q(pk=case.pk), today=clock.today(), cal=calendar())
    return found[0] if found else None


def default_content(case, due: Due) -> str:
    when = f"已超期 {due.late_days} 日" if due.overdue else f"尚余 {due.days_left} 个工作日"
    return _(
        "经流程监控，你承办的%(case)s（%(name)s）%(period)s于%(deadline)s届满，%(when)s。"
        "请及时依法办理，并书面回复办理情况。"
    ) % {
        "case": case.case_no,
        "name": case.name,
        "period": due.period,
        "deadline": f"{due.deadline:%Y年%-m月%-d日}",
        "when": when,
    }


@transaction.atomic
def notice_issue(*, case, by, content: str = "") -> MonitorNotice:
    if not may_issue(by, case):
        raise PermissionDenied
    due = due_of(case)
    if due is None:
        raise ValidationError(
            _("该案不在流程监控范围内（未结的审查逮捕、审查起诉案件，期限临近或已届满）。")
        )
    if case.handler_id is None:
        raise ValidationError(_("该案没有承办检察官，无法发出通知书。"))
    today = clock.today()
    notice = MonitorNotice.objects.create(
        case=case,
        unit_id=case.unit_id,
        handler_id=case.handler_id,
        period=due.period,
        deadline=due.deadline,
        overdue_days=due.late_days,
        content=(content or "").strip() or default_content(case, due),
        reply_by=calendar().add_working_days(today, settings.GUIFAN_MONITOR_REPLY_DAYS),
        issued_by=by,
    )
    record(
        actor=by,
        verb=Verb.NOTICE_ISSUE,
        target=notice,
        payload={
            "case": case.case_no,
            "handler": case.handler.name,
            "period": due.period,
            "deadline": due.deadline.isoformat(),
            "reply_by": notice.reply_by.isoformat(),
        },
    )
    return notice


def may_reply(user, notice: MonitorNotice) -> bool:
    scope = scope_of(user)
    return scope.has(Role.HANDLER) and scope.person_id == notice.handler_id


@transaction.atomic
def notice_reply(*, notice: MonitorNotice, by, reply: str) -> MonitorNotice:
    notice = MonitorNotice.objects.select_for_update().select_related("case").get(pk=notice.pk)
    if not may_reply(by, notice):
        raise PermissionDenied
    reply = (reply or "").strip()
    if not reply:
        raise ValidationError(_("回复意见不能为空。"))
    if notice.replied_at is not None:
        raise ValidationError(_("该通知书已回复。"))
    notice.reply, notice.replied_by, notice.replied_at = reply, by, clock.now()
    notice.save(update_fields=["reply", "replied_by", "replied_at"])
    late = notice.reply_late(clock.today())
    record(
        actor=by,
        verb=Verb.NOTICE_REPLY,
        target=notice,
        payload={"case": notice.case.case_no, "late": late},
    )
    return notice


def notice_docx(notice: MonitorNotice) -> bytes:
    """The notice in 公文 layout: title, addressee, the monitoring opinion, the reply date."""
    fonts = gongwen.fonts_from_settings()
    document = gongwen.new_document(fonts)
    center = 1  # WD_ALIGN_PARAGRAPH.CENTER
    gongwen.paragraph(document, notice.unit.name, fonts, size=gongwen.TITLE_PT,
                      font_name=fonts.title, align=center)  # fmt: skip
    gongwen.paragraph(document, _("流程监控通知书"), fonts, size=gongwen.TITLE_PT,
                      font_name=fonts.title, align=center)  # fmt: skip
    gongwen.paragraph(document, notice.number, fonts, align=center)
    gongwen.paragraph(document, f"{notice.handler.name}：", fonts)
    gongwen.paragraph(document, notice.content, fonts)
    gongwen.paragraph(
        document,
        _("请于%(date)s前回复。") % {"date": f"{notice.reply_by:%Y年%-m月%-d日}"},
        fonts,
    )
    gongwen.table(
        document,
        [
            [_("部门受案号"), notice.case.case_no],
            [_("监控期限"), f"{notice.period} {notice.deadline:%Y年%-m月%-d日}届满"],
            [_("回复意见"), notice.reply or ""],
        ],
        fonts,
        [40, 116],
        header=False,
    )
    right = 2  # WD_ALIGN_PARAGRAPH.RIGHT
    issued = timezone.localdate(notice.issued_at)
    gongwen.paragraph(document, f"{issued:%Y年%-m月%-d日}", fonts, align=right)
    return gongwen.document_bytes(document)
