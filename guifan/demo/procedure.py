"""A case's procedural skeleton: when it closes, whether the suspect is held, and the
extensions and returns for supplementary investigation that move its deadline.

Plain Python. Periods are counted with ``guifan.core.periods`` exactly as the rule engine
counts them (刑诉法2012 第89条 审查逮捕 7/15 日, 第169条 审查起诉 一个月 + 半个月, 第171条 退回补充
侦查 一个月、以二次为限; the start day not counted, custody periods not rolled over), so that a
case breaks R4-05, R4-07 or R4-08 only where ``plant.py`` plants it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from guifan.cases import kinds as K
from guifan.core.periods import Calendar, days_deadline, months_deadline
from guifan.demo.plant import NEAR, VIOLATION, Planter

# The last day the world's data knows: the exports were taken the evening before its date.
TRAFFIC = frozenset({"危险驾驶罪", "交通肇事罪"})


@dataclass(frozen=True)
class Extension:
    kind: str  # label of ExtensionKind
    approver: str  # label of Approver
    approved_on: date
    days: int | None = None
    months: int | None = None


@dataclass(frozen=True)
class Procedure:
    close_date: date | None = None
    open_status: str = "in_progress"
    detained: bool = False  # the suspects held in custody through the review
    extensions: tuple[Extension, ...] = ()
    returns: tuple[tuple[date, date | None], ...] = ()  # (退回, 重新移送)
    marks: tuple[tuple[str, str], ...] = ()  # planted (rule, expected)


def plan_procedure(
    rng: random.Random, planter: Planter, kind: K.CaseKind, cause: str, accept: date,
    cal: Calendar, last_day: date,
) -> Procedure:  # fmt: skip
    if kind.stage == K.Stage.ARREST_REVIEW:
        return _arrest_review(rng, planter, kind, accept, cal, last_day)
    if kind.stage == K.Stage.PROSECUTION_REVIEW:
        return _prosecution_review(rng, planter, kind, cause, accept, cal, last_day)
    low, high = kind.days
    close = accept + timedelta(days=rng.randint(low, high))
    return Procedure(close if close <= last_day else None)


def _arrest_review(rng, planter, kind, accept, cal, last_day) -> Procedure:
    """审查逮捕: 7 days when the police detained the suspect (a custody period: no roll-over),
    otherwise 15 (rolled over a holiday)."""
    detained = kind.category == "职务犯罪审查逮捕" or rng.random() < 0.95
    deadline = days_deadline(accept, 7 if detained else 15, cal, custody=detained)
    limit = accept + timedelta(days=7 if detained else 15)  # whatever the calendar
    low, high = kind.days if detained else (5, 15)
    close = accept + timedelta(days=rng.randint(low, min(high, (limit - accept).days)))
    outcome = planter.decide("R4-05")
    planted = close
    if outcome == NEAR:
        planted = deadline
    elif outcome == VIOLATION:
        # Often the mistake of rolling a custody deadline over a holiday.
        rolled = cal.next_workday(deadline + timedelta(days=1)) if detained else deadline
        planted = max(rolled, deadline + timedelta(days=rng.randint(1, 3)))
    if outcome and planted <= last_day:
        close = planted
        planter.mark("R4-05", outcome)
    marks = tuple(planter.marks)
    return Procedure(close if close <= last_day else None, detained=detained, marks=marks)


def _prosecution_review(rng, planter, kind, cause, accept, cal, last_day) -> Procedure:
    """审查起诉: one month from acceptance, extended by half a month with the chief's approval;
    a return for supplementary investigation (at most twice, each at most one month) starts a
    new month when the case comes back."""
    # 危险驾驶 (拘役 at most) is never arrested; other traffic cases seldom.
    if cause in K.NOT_ARRESTABLE:
        share = 0.0
    else:
        share = 0.1 if cause in TRAFFIC else 0.3 if kind.line == "weijian" else 0.55
    detained = rng.random() < share
    rounds = rng.choices((0, 1, 2), weights=(84, 13, 3))[0]
    plan = planter.decide("R4-08") if rounds else None
    if plan == VIOLATION and rng.random() < 0.5:
        rounds = 3  # one return too many
    start, returns = _returns(rng, planter, plan, rounds, detained, accept, cal, last_day)
    if returns and returns[-1][1] is None:
        return Procedure(None, "returned", detained, (), returns, tuple(planter.marks))
    extensions: list[Extension] = []
    plain = months_deadline(start, 1, cal, custody=True)
    approved = start + timedelta(days=rng.randint(18, max(18, (plain - start).days - 1)))
    if rng.random() < 0.08 and approved <= last_day:
        extensions.append(Extension("延长审查起诉", "检察长", approved, days=15))
    extra = 15 if extensions else 0
    deadline = months_deadline(start, 1, cal, custody=detained, extra_days=extra)
    firm = months_deadline(start, 1, cal, custody=True, extra_days=extra)
    low, high = kind.days
    close = start + timedelta(days=rng.randint(low, min(high + extra, (firm - start).days)))
    outcome = planter.decide("R4-07")
    planted = close
    if outcome == NEAR:
        planted = deadline
    elif outcome == VIOLATION and extensions and rng.random() < 0.5:
        # Extended by someone who may not: only the first month counts.
        extensions[-1] = Extension("延长审查起诉", "其他", extensions[-1].approved_on, days=15)
        planted = max(close, months_deadline(start, 1, cal, custody=detained) + timedelta(
            days=rng.randint(1, 10)))  # fmt: skip
    elif outcome == VIOLATION:
        planted = deadline + timedelta(days=rng.randint(1, 6))
    if outcome and planted <= last_day:
        close = planted
        planter.mark("R4-07", outcome)
    elif outcome == VIOLATION and extensions:
        extensions[-1] = Extension("延长审查起诉", "检察长", extensions[-1].approved_on, days=15)
    if close > last_day:
        status = "extended" if extensions else "in_progress"
        return Procedure(None, status, detained, tuple(extensions), returns, tuple(planter.marks))
    return Procedure(close, "", detained, tuple(extensions), returns, tuple(planter.marks))


def _returns(rng, planter, plan, rounds, detained, accept, cal, last_day):
    """The returns for supplementary investigation; the last one may be still out."""
    start, returns = accept, []
    for n in range(rounds):
        period = months_deadline(start, 1, cal, custody=True)
        out = start + timedelta(days=rng.randint(5, max(5, (period - start).days - 1)))
        if out > last_day:
            break
        limit = months_deadline(out, 1, cal, custody=detained)
        back = out + timedelta(days=rng.randint(10, max(10, (limit - out).days - 1)))
        planted = back
        if n == rounds - 1 and plan == NEAR:
            planted = limit
        elif n == rounds - 1 and plan == VIOLATION and rounds < 3:
            planted = limit + timedelta(days=rng.randint(1, 12))
        if n == rounds - 1 and plan and (planted <= last_day or rounds == 3):
            planter.mark("R4-08", plan)
            back = planted if rounds < 3 else back
        if back > last_day:
            returns.append((out, None))
            break
        returns.append((out, back))
        start = back
    return start, tuple(returns)
