"""Reads of the case registry, always through the user's scope."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from guifan.cases.models import Case, ImportRun, LedgerCount
from guifan.cases.numbers import normalise_case_no
from guifan.cases.tallies import registry_version
from guifan.core.scoping import scope_of

CATEGORY_SAMPLE = 10_000  # the newest cases whose 案件类别 the filter suggests
COUNT_TTL = 120  # seconds; writes bump the registry version, so new rows show at once
TIMELINE_TTL = 600


# The ledger's sort keys, each read in the order of an index (see Case.Meta.indexes). A case
# without a 办结日期 counts as closing after every closed one (first when newest come first,
# last when oldest do), on SQLite as on PostgreSQL: that is the index's own order on
# PostgreSQL, so a page is an index scan; putting open cases last both ways cost 1.3 s a page
# at a million cases (bench/ledger.py).
ORDERINGS = {
    "-accept_date": ("-accept_date", "-id"),
    "accept_date": ("accept_date", "id"),
    "-close_date": (F("close_date").desc(nulls_first=True), "-id"),
    "close_date": (F("close_date").asc(nulls_last=True), "id"),
    "-case_no": ("-case_no_norm",),
    "case_no": ("case_no_norm",),
}
DEFAULT_ORDER = "-accept_date"


def case_list(*, user, filters: dict, order: str = DEFAULT_ORDER) -> QuerySet[Case]:
    """The 案件台账 rows the user may see, filtered, in one of ORDERINGS (newest accepted
    first by default)."""
    cases = Case.objects.visible_to(user)
    if q := filters.get("q"):
        cases = cases.filter(Q(name__icontains=q) | Q(case_no_norm__contains=normalise_case_no(q)))
    if unit := filters.get("unit"):
        cases = cases.filter(unit_id=unit)
    if line := filters.get("line"):
        cases = cases.filter(department__line=line)
    if category := filters.get("category"):
        # Units write the stage after the category: "审查起诉" finds "审查起诉(一审)".
        cases = cases.filter(category__startswith=category)
    if year := filters.get("year"):
        cases = cases.filter(accept_date__gte=date(year, 1, 1), accept_date__lte=date(year, 12, 31))
    if status := filters.get("status"):
        cases = cases.filter(status=status)
    if supervision := filters.get("supervision"):
        cases = (
            cases.exclude(supervision="")
            if supervision == "any"
            else cases.filter(supervision=supervision)
        )
    if evaluated := filters.get("evaluated"):
        cases = _evaluated(cases, evaluated)
    ordering = ORDERINGS.get(order, ORDERINGS[DEFAULT_ORDER])
    return cases.select_related("unit", "department", "handler").order_by(*ordering)


def _evaluated(cases: QuerySet[Case], value: str) -> QuerySet[Case]:
    if value == "yes":
        return cases.filter(prior_eval_year__isnull=False)
    if value == "no":
        return cases.filter(prior_eval_year__isnull=True)
    # A tier counts for a case evaluated in some year (as the case page shows it), which
    # also lets the database use the evaluated cases' partial index.
    return cases.filter(prior_eval_year__isnull=False, prior_eval_tier=value)


def _digest(user, filters: dict) -> str:
    """One scope and filter, as a short string."""
    scope = scope_of(user)
    raw = repr(
        (
            sorted(scope.business_unit_ids),
            scope.person_id,
            sorted(scope.roles),
            sorted(filters.items()),
        )
    )
    return hashlib.md5(raw.encode()).hexdigest()


def _version(user) -> int:
    # The version is read once per request (the user object lives as long as the request).
    version = getattr(user, "_guifan_registry_version", None)
    if version is None:
        version = registry_version()
        if user is not None:
            user._guifan_registry_version = version
    return version


def _cache_key(what: str, user, filters: dict) -> str:
    """A key per scope and filter that changes whenever cases are written."""
    return _key(what, _version(user), _digest(user, filters))


def _key(what: str, version: int, digest: str) -> str:
    return f"cases:{what}:{version}:{digest}"


def case_count(*, user, filters: dict, cases: QuerySet[Case]) -> int:
    """ "共 N 条" without counting a million rows on every page view: cached per scope+filter."""
    key = _cache_key("count", user, filters)
    total = cache.get(key)
    if total is None:
        total = cases.count()
        cache.set(key, total, COUNT_TTL)
    return total


@dataclass(frozen=True)
class LedgerTotal:
    count: int
    exact: bool  # False: "count 条以上", the worker is counting them all
    start_counting: bool = False  # nobody has asked the worker to count them yet


def ledger_total(*, user, filters: dict, cases: QuerySet[Case]) -> LedgerTotal:
    """The 台账's "共 N 条" at a cost that does not grow with the registry: counted exactly up
    to ``GUIFAN_LEDGER_COUNT_CAP`` rows (cached per scope and filter); past it, the exact
    figure the worker stored for this version of the registry, or "N 条以上" until it has."""
    digest, version = _digest(user, filters), _version(user)
    key = _key("count", version, digest)  # case_count's key for the same view
    total = cache.get(key)
    if total is not None:
        return LedgerTotal(total, True)
    cap = settings.GUIFAN_LEDGER_COUNT_CAP
    past_cap = f"{key}:past-cap"
    if not cache.get(past_cap):
        seen = cases.order_by().values("pk")[: cap + 1].count()
        if seen <= cap:
            cache.set(key, seen, COUNT_TTL)
            return LedgerTotal(seen, True)
        cache.set(past_cap, True, COUNT_TTL)
    stored = (
        LedgerCount.objects.filter(digest=digest, generation=version)
        .values_list("total", flat=True)
        .first()
    )
    if stored is not None:
        cache.set(key, stored, COUNT_TTL)
        return LedgerTotal(stored, True)
    return LedgerTotal(cap, False, cache.add(f"{key}:counting", True, COUNT_TTL))


def ledger_total_store(*, user, filters: dict) -> int:
    """Count a big 台账 view exactly (the worker's part of ``ledger_total``) and keep the
    figure for this version of the registry; counts of older versions are dropped."""
    version = _version(user)
    total = case_list(user=user, filters=filters).count()
    digest = _digest(user, filters)
    LedgerCount.objects.bulk_create(
        [LedgerCount(digest=digest, generation=version, total=total)], ignore_conflicts=True
    )
    LedgerCount.objects.filter(generation__lt=version).delete()
    return total


def case_categories(*, user) -> list[str]:
    """The 案件类别 among the user's newest ``CATEGORY_SAMPLE`` cases (a bounded read at any
    size of the registry), offered as suggestions in the ledger's filter."""
    key = _cache_key("categories", user, {})
    categories = cache.get(key)
    if categories is None:
        newest = Case.objects.visible_to(user).order_by("-accept_date")
        sample = newest.values_list("category", flat=True)[:CATEGORY_SAMPLE]
        categories = sorted(set(sample))[:200]
        cache.set(key, categories, COUNT_TTL)
    return categories


@dataclass(frozen=True)
class TimelineItem:
    at: datetime | date | None
    kind: str
    text: str
    warn: bool = False

    @property
    def when(self) -> str:
        if isinstance(self.at, datetime):
            return _fmt(self.at)
        return self.at.isoformat() if self.at else "—"


def case_timeline(case: Case) -> list[TimelineItem]:
    """The case's events in time order, for the case page and the 登记表."""
    items = [TimelineItem(case.accept_date, "受理", f"{case.unit.short_name}受理")]
    if case.filing_date:
        items.append(TimelineItem(case.filing_date, "立案", "立案侦查"))
    items += _event_items(case)
    if case.close_date:
        items.append(TimelineItem(case.close_date, "办结", case.close_type or "办结"))
    return sorted(items, key=lambda item: _sort_key(item.at))


def _event_items(case: Case) -> list[TimelineItem]:
    """The items read from the case's event tables (thirteen queries), cached per version of
    the registry: those tables are written only by imports, and each bumps the version."""
    key = f"cases:timeline:{registry_version()}:{case.pk}:{get_language()}"
    items = cache.get(key)
    if items is None:
        items = _events_read(case) + _procedure_items(case)
        cache.set(key, items, TIMELINE_TTL)
    return items


def _events_read(case: Case) -> list[TimelineItem]:
    items = []
    for s in case.measures.all():
        items.append(
            TimelineItem(
                s.executed_at or s.decided_at,
                "强制措施",
                f"{s.get_kind_display()}（嫌疑人 {s.suspect_seq or '—'}）"
                f"{'，执行场所：' + s.get_place_type_display() if s.place_type else ''}",
            )
        )
    for i in case.interrogations.all():
        av = "同步录音录像" if i.av_recorded else "未同步录音录像"
        items.append(
            TimelineItem(
                i.start_at,
                "讯问",
                f"第 {i.seq} 次讯问，{i.get_location_type_display() or '地点未填'}，{av}",
                warn=not i.av_recorded and case.is_self_investigation,
            )
        )
    for r in case.lawyer_requests.all():
        answer = f"，{_fmt(r.responded_at)} 答复" if r.responded_at else "，尚未答复"
        items.append(
            TimelineItem(
                r.submitted_at,
                "律师申请",
                f"{r.lawyer_name or '律师'}申请{r.get_kind_display()}{answer}",
            )
        )
    for o in case.opinions.all():
        items.append(TimelineItem(o.heard_at, "听取意见", f"听取{o.heard_party}意见"))
    for p in case.properties.all():
        items.append(TimelineItem(p.seized_at, "涉案财物", f"扣押：{p.description}"))
    for d in case.documents.all():
        items.append(TimelineItem(d.sign_date, "文书", f"{d.doc_type} {d.doc_no}".strip()))
    for c in case.complaints.all():
        items.append(TimelineItem(c.received_at, "信访", c.topic or "来信来访"))
    return items


def _procedure_items(case: Case) -> list[TimelineItem]:
    """Extensions, returns, notices, transfers and judgments on the timeline."""
    items = []
    for e in case.extensions.all():
        length = f"{e.months} 个月" if e.months else f"{e.days or 0} 日"
        text = f"{e.get_kind_display()} {length}（{e.get_approver_display()}批准）"
        items.append(TimelineItem(e.approved_on, "延长", text))
    for r in case.returns.all():
        back = f"，{r.resubmitted_on:%Y-%m-%d} 重新移送" if r.resubmitted_on else "，尚未重新移送"
        items.append(TimelineItem(r.returned_on, "退回补充侦查", f"第 {r.seq} 次退回{back}"))
    for n in case.notices.all():
        items.append(TimelineItem(n.notified_at, "告知", f"告知{n.get_party_display()}{n.matter}"))
    for t in case.transfers.all():
        av = "，随案移送录像" if t.with_recordings else ""
        items.append(TimelineItem(t.transferred_at, "移送", f"{t.get_kind_display()}{av}"))
    for j in case.judgments.all():
        text = f"{j.get_level_display()}判决：{j.get_result_display()}"
        items.append(TimelineItem(j.judged_on, "判决", text))
    return items


def _sort_key(moment) -> datetime:
    if moment is None:
        return datetime.max.replace(tzinfo=timezone.get_current_timezone())
    if isinstance(moment, datetime):
        return timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return timezone.make_aware(datetime.combine(moment, datetime.min.time()))


def _fmt(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def import_runs(*, user) -> QuerySet[ImportRun]:
    return ImportRun.objects.visible_to(user).select_related("created_by", "unit")[:20]
