"""Check runs and decisions on findings; journaled.

``checks_run`` judges every case in scope with the engine (the cross-case passes of
``checks.crosscase`` among its jobs), then the unit-level comparison of the 统计报表
(``checks.statreports``) over the same cases, and brings the stored findings in
line with what it found: a new breach is added (待核实), one found again keeps its status and
the decision on it, one no longer found is closed (``holds`` false), never deleted or
duplicated. Progress is committed chunk by chunk so that the page can show it; the findings
and the journal entry are written in one transaction at the end.

A person decides: the office confirms or dismisses a finding with a reason (discipline
inspection for the conduct categories, as on the rectification list); a confirmed finding
goes onto the 整改清单 of the running campaign the case's unit takes part in.
"""

from __future__ import annotations

import hashlib
import time
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from guifan.campaigns.models import OPEN_STATUSES, Campaign
from guifan.cases.models import Case
from guifan.checks import engine, statreports
from guifan.checks.catalog import implemented_codes
from guifan.checks.catalog import rule as catalog_rule
from guifan.checks.crosscase import jurisdiction, registers
from guifan.checks.explain import explain
from guifan.checks.models import Finding, FindingStatus, Run, RunStatus
from guifan.core import clock
from guifan.core.bulk import insert_rows
from guifan.core.deadlines import calendar
from guifan.core.roles import Role
from guifan.core.scoping import scope_of
from guifan.journal.services import record
from guifan.journal.verbs import Verb
from guifan.rectification.models import Source, verifier_role
from guifan.rectification.services import Draft, item_from_source

RUNNERS = (Role.OFFICE, Role.INSPECTION)
PROGRESS_SECONDS = 1.0


def _cases_q(run: Run) -> Q:
    if run.unit_id is None:
        return Q()
    return Q(unit__path__startswith=run.unit.path)


def run_create(*, by, unit=None, rules=None) -> Run:
    """A queued run over ``unit`` and the units below it (all cases when None)."""
    codes = implemented_codes()
    unknown = set(rules or ()) - set(codes)
    if unknown:
        raise ValidationError(_("没有这些已实现的规则：%s") % "、".join(sorted(unknown)))
    if by is not None:
        scope = scope_of(by)
        if unit is None or not any(scope.acts_as(role, unit.pk) for role in RUNNERS):
            raise PermissionDenied
    return Run.objects.create(
        unit=unit, rules=list(rules or codes), as_of=clock.today(), created_by=by
    )


def checks_run(*, by, unit=None, rules=None) -> Run:
    """Create a run and execute it now (the CLI; the page queues it for the worker)."""
    return run_execute(run_create(by=by, unit=unit, rules=rules))


def run_execute(run: Run) -> Run:
    started = time.perf_counter()
    cases = _cases_q(run)
    run.status = RunStatus.RUNNING
    run.cases_total = Case.objects.filter(cases).count()
    run.save(update_fields=["status", "cases_total"])

    shown = [0.0]  # when the page's figure was last written

    def progress(done: int) -> None:
        # At most a write a second: each is a commit, and a million cases are 500 chunks.
        if (now := time.perf_counter()) - shown[0] >= PROGRESS_SECONDS:
            shown[0] = now
            Run.objects.filter(pk=run.pk).update(cases_done=done)

    try:
        outcome = engine.evaluate(
            cases, as_of=run.as_of, cal=calendar(), codes=run.rules, progress=progress
        )
        outcome.hits.extend(statreports.evaluate(cases, run.rules))
        outcome.input_digest = registers.with_registers(outcome.input_digest, run.rules)
        outcome.input_digest = jurisdiction.with_districts(outcome.input_digest, run.rules)
        with transaction.atomic():
            _store(run, outcome)
            run.seconds = round(time.perf_counter() - started, 3)
            run.status, run.finished_at = RunStatus.DONE, clock.now()
            run.save()
            record(actor=run.created_by, verb=Verb.CHECKS_RUN, target=run, payload=_payload(run))
    except Exception as exc:
        Run.objects.filter(pk=run.pk).update(status=RunStatus.FAILED, error=str(exc)[:2000])
        raise
    return run


def _payload(run: Run) -> dict:
    return {
        "unit": run.unit.code if run.unit_id else "",
        "as_of": run.as_of.isoformat(),
        "rules": run.rules,
        "cases": run.cases_done,
        "findings": run.findings,
        "added": run.added,
        "closed": run.closed,
        "input_hash": run.input_hash,
        "output_hash": run.output_hash,
    }


BATCH = 900  # ids per statement: below every database's limit on bound parameters
STORE_BATCH = 2000  # new findings built and inserted at a time


def _store(run: Run, outcome: engine.Outcome) -> None:
    in_scope = Finding.objects.filter(rule__in=run.rules)
    if run.unit_id:
        in_scope = in_scope.filter(case__unit__path__startswith=run.unit.path)
    stored = {
        (f.rule, f.case_id, f.subject): f
        for f in in_scope.only("pk", "rule", "case_id", "subject", "holds", "facts")
    }
    batch, added, changed, seen = [], 0, [], set()
    for hit in outcome.hits:
        key = (hit.rule, hit.case_id, hit.subject)
        seen.add(key)
        text, deadline, actual = explain(hit.rule, hit.facts)
        old = stored.get(key)
        if old is None:
            batch.append(
                {
                    "rule": hit.rule,
                    "case_id": hit.case_id,
                    "unit_id": hit.unit_id,
                    "subject": hit.subject,
                    "facts": hit.facts,
                    "explanation": text,
                    "citation": catalog_rule(hit.rule).basis,
                    "deadline": deadline,
                    "actual": actual,
                    "first_run_id": run.pk,
                    "last_run_id": run.pk,
                }
            )
            if len(batch) == STORE_BATCH:  # stored as they come: a first run finds millions
                insert_rows(Finding, batch)  # one prepared statement, COPY on PostgreSQL
                added, batch = added + len(batch), []
        elif not old.holds or old.facts != hit.facts:
            old.holds, old.facts, old.explanation = True, hit.facts, text
            old.deadline, old.actual = deadline, actual
            changed.append(old)
    outcome.hits.clear()
    insert_rows(Finding, batch)
    added += len(batch)
    gone = [f.pk for key, f in stored.items() if key not in seen and f.holds]
    for start in range(0, len(gone), BATCH):
        Finding.objects.filter(pk__in=gone[start : start + BATCH]).update(holds=False)
    Finding.objects.bulk_update(
        changed, ["holds", "facts", "explanation", "deadline", "actual"], batch_size=500
    )
    in_scope.filter(holds=True).update(last_run=run)  # every holding one was seen now
    digest = hashlib.sha256()
    for rule, case_id, subject in sorted(seen):
        digest.update(f"{rule}|{case_id}|{subject}\n".encode())
    run.cases_done = outcome.cases
    run.findings, run.added, run.closed = len(seen), added, len(gone)
    run.input_hash, run.output_hash = outcome.input_digest, digest.hexdigest()


# -- People decide -------------------------------------------------------------------------


def may_decide(user, finding: Finding) -> bool:
    """The office over the case's unit; discipline inspection for the conduct categories."""
    role = verifier_role(finding.catalog.category_label)
    return user is None or scope_of(user).acts_as(role, finding.unit_id)


def _locked(finding: Finding, by) -> Finding:
    finding = Finding.objects.select_for_update().select_related("case", "unit").get(pk=finding.pk)
    if not may_decide(by, finding):
        raise PermissionDenied
    if finding.status != FindingStatus.PENDING:
        raise ValidationError(_("该问题已核实，不能重复处理。"))
    return finding


def _campaign_for(finding: Finding) -> Campaign:
    campaign = (
        Campaign.objects.filter(status__in=OPEN_STATUSES, participants__unit=finding.unit_id)
        .order_by("-pk")
        .first()
    )
    if campaign is None:
        raise ValidationError(_("该院没有进行中的专项活动，无法列入整改清单。"))
    return campaign


@transaction.atomic
def finding_confirm(*, finding: Finding, by, note: str = "") -> Finding:
    finding = _locked(finding, by)
    today = clock.today()
    rule = finding.catalog
    draft = Draft(
        category=rule.category_label,
        description=f"{finding.case.case_no}：{rule.code} {rule.title}。{finding.explanation}"
        + (f"（依据：{rule.basis}）" if rule.basis else ""),
        deadline=today + timedelta(days=settings.GUIFAN_RECTIFY_DAYS),
        found_on=today,
        department_id=finding.case.department_id,
        handler_id=finding.case.handler_id,
    )
    item = item_from_source(
        campaign=_campaign_for(finding),
        unit=finding.unit,
        source=Source.CHECK,
        ref=f"checks.finding:{finding.pk}",
        draft=draft,
        by=by,
    )
    _decide(finding, FindingStatus.CONFIRMED, note, by, Verb.FINDING_CONFIRM, item=item.pk)
    return finding


@transaction.atomic
def finding_dismiss(*, finding: Finding, by, reason: str) -> Finding:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("排除须写明理由。"))
    finding = _locked(finding, by)
    _decide(finding, FindingStatus.DISMISSED, reason, by, Verb.FINDING_DISMISS)
    return finding


def _decide(finding: Finding, status, reason: str, by, verb: Verb, **extra) -> None:
    finding.status, finding.reason = status, reason
    finding.decided_by, finding.decided_at = by, clock.now()
    finding.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    payload = {"rule": finding.rule, "case": finding.case.case_no, "status": status.value}
    record(actor=by, verb=verb, target=finding, payload=payload | {"reason": reason} | extra)
