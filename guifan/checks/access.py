"""Fetching one run, finding or 流程监控通知书 for a user: 404 for missing and not yours."""

from django.http import Http404

from guifan.checks.models import Finding, MonitorNotice, Run


def access_finding(user, finding_id: int) -> Finding:
    finding = (
        Finding.objects.visible_to(user)
        .filter(pk=finding_id)
        .select_related("case", "unit", "decided_by", "first_run", "last_run")
        .first()
    )
    if finding is None:
        raise Http404
    return finding


def access_run(user, run_id: int) -> Run:
    run = Run.objects.visible_to(user).filter(pk=run_id).select_related("unit").first()
    if run is None:
        raise Http404
    return run


def access_notice(user, notice_id: int) -> MonitorNotice:
    notice = (
        MonitorNotice.objects.visible_to(user)
        .filter(pk=notice_id)
        .select_related("case", "unit", "handler")
        .first()
    )
    if notice is None:
        raise Http404
    return notice
