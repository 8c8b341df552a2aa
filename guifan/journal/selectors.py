"""Reading the journal: verification and the audit list."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from guifan.journal import chain
from guifan.journal.models import Entry, Head

_FIELDS = (
    "seq",
    "at",
    "actor_id",
    "actor_name",
    "ip",
    "verb",
    "target_type",
    "target_id",
    "target_label",
    "payload",
    "prev_hash",
    "entry_hash",
)


def _rows(up_to: int) -> Iterator[tuple[chain.EntryFields, str]]:
    # Stream in sequence order without loading the whole table.
    entries = Entry.objects.filter(seq__lte=up_to).order_by("seq").values_list(*_FIELDS)
    for row in entries.iterator(chunk_size=5000):
        *fields, stored = row
        yield chain.EntryFields(*fields), stored


def _head() -> tuple[int, str]:
    head = Head.objects.filter(pk=1).values_list("seq", "entry_hash").first()
    return head or (0, chain.GENESIS_HASH)


def journal_verify() -> chain.Verdict:
    """Re-compute the chain up to the head read at the start, so that entries appended while
    it runs are no false alarm; then make sure nothing lies beyond the head."""
    head = _head()
    verdict = chain.verify_chain(_rows(up_to=head[0]), head=head)
    if verdict.ok:
        latest = _head()[0]
        if Entry.objects.filter(seq__gt=latest).exists():
            verdict.bad_seq, verdict.problem = latest + 1, chain.HEAD_MISMATCH
            verdict.details = {"head_seq": latest}
    return verdict


def verdict_message(verdict: chain.Verdict) -> str:
    """One line a person can act on (CLI and audit screen)."""
    if verdict.ok:
        return f"审计日志完整：共 {verdict.count} 条记录，链头哈希 {verdict.head_hash}"
    seq = verdict.bad_seq
    reasons = {
        chain.MISSING: f"缺少序号 {verdict.details.get('expected')} 的记录"
        f"（下一条为序号 {seq}）：记录被删除或序号被改动",
        chain.BROKEN_LINK: f"序号 {seq} 的前序哈希与上一条不符：记录被删除、插入或调换了顺序",
        chain.ALTERED: f"序号 {seq} 的内容与其哈希不符：该记录被改动",
        chain.UNREADABLE: f"序号 {seq} 的内容无法解析：该记录被改动",
        chain.HEAD_MISMATCH: f"链头记录共 {verdict.details.get('head_seq')} 条，"
        f"实际完整的记录为 {verdict.count} 条：末尾记录被删除或有记录绕过系统写入",
    }
    return f"审计日志被篡改：{reasons[verdict.problem]}"


def entry_list(*, user, filters: dict) -> QuerySet[Entry]:
    """The audit list, newest first; only the audit administrator sees anything."""
    entries = Entry.objects.visible_to(user).order_by("-seq")
    if verb := filters.get("verb"):
        entries = entries.filter(verb=verb)
    if actor := filters.get("actor"):
        entries = entries.filter(actor_name__icontains=actor)
    if target := filters.get("target"):
        entries = entries.filter(target_label__icontains=target)
    if start := filters.get("start"):
        entries = entries.filter(at__gte=_day_start(start))
    if end := filters.get("end"):
        entries = entries.filter(at__lt=_day_start(end) + timedelta(days=1))
    return entries


def _day_start(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def journal_summary(*, user) -> dict:
    """Counts for the audit administrator's 工作台."""
    from guifan.journal.verbs import Verb

    entries = Entry.objects.visible_to(user)
    last_verify = entries.filter(verb=Verb.JOURNAL_VERIFY).order_by("-seq").first()
    return {
        "entries": entries.count(),
        "failed_logins": entries.filter(verb=Verb.LOGIN_FAILED).count(),
        "denied": entries.filter(verb=Verb.ACCESS_DENIED).count(),
        "last_verify": last_verify.at if last_verify else None,
    }
