"""What the event generators share: the rows of one case in the making, and time helpers.

Plain Python. Rows are dicts keyed by the import specs' field names (guifan/cases/importing/
specs.py), holding Chinese labels for choices and Python dates, datetimes and booleans.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from guifan.cases.kinds import CaseKind
from guifan.core.periods import Calendar
from guifan.demo.generator import LAST_DAY, CaseRow
from guifan.demo.plant import Planter
from guifan.demo.procedure import Procedure

# The data is exported at the end of LAST_DAY (a case may close that day); nothing is later.
CUTOFF = datetime.combine(LAST_DAY + timedelta(days=1), time())

# Every column of every event file, with the value a row has when nothing is known.
BLANK_ROWS: dict[str, dict[str, Any]] = {
    "suspects": dict(
        name="",
        id_no="",
        in_custody=False,
        blind_deaf_mute=False,
        mental_illness_partial=False,
        possible_life_or_death=False,
        has_fixed_residence=True,
    ),
    "measures": dict(
        suspect_seq=None,
        kind="",
        decided_at=None,
        executed_at=None,
        ended_at=None,
        approved_by_upper=False,
        place_type="",
        family_notified_at=None,
        necessity_reviews="",
        fee_charged=False,
    ),
    "interrogations": dict(
        suspect_seq=None,
        start_at=None,
        end_at=None,
        location_type="",
        interrogators="",
        av_recorded=False,
        av_start_at=None,
        av_end_at=None,
    ),
    "av_interruptions": dict(
        interrogation_seq=None,
        start_at=None,
        end_at=None,
        approved_by_chief=False,
        noted_in_transcript=False,
    ),
    "lawyer_requests": dict(
        kind="",
        lawyer_name="",
        submitted_at=None,
        responded_at=None,
        result="",
        written_reason="",
    ),
    "opinions": dict(
        heard_at=None,
        heard_party="",
        written_opinion_received=False,
        attached_to_file=False,
    ),
    "properties": dict(
        description="",
        seized_at=None,
        list_signed_by_holder=False,
        handed_to_custody_at=None,
        found_unrelated_at=None,
        released_at=None,
        disposed_at=None,
        disposal_type="",
        approved_by_chief=False,
        enterprise_asset="",
    ),
    "documents": dict(
        doc_type="",
        doc_no="",
        sign_date=None,
        generated_at=None,
        served_at=None,
        stated_accept_date=None,
        stated_close_date=None,
        stated_cause="",
        stated_conclusion="",
    ),
    "complaints": dict(
        received_at=None,
        procedural_reply_at=None,
        result_reply_at=None,
        topic="",
    ),
    "extensions": dict(kind="", approver="", approved_on=None, days=None, months=None),
    "returns": dict(returned_on=None, resubmitted_on=None),
    "notices": dict(party="", matter="", notified_at=None),
    "transfers": dict(kind="", transferred_at=None, with_recordings=False),
    "judgments": dict(level="", judged_on=None, result=""),
    "flags": dict(kind="", flagged_on=None, source=""),
    "original_evaluations": dict(
        year=None, evaluating_unit="", grade="", problems="", rectification="", evaluators=""
    ),
    "clues": dict(
        clue_no="", received_on=None, sent_to_centre_on=None, is_major=False, recorded_on=None
    ),
    "receptions": dict(
        staff_no="", visitor="", visitor_role="", received_at=None, place="", reported_on=None
    ),
    "inquiries": {},  # whole rows from demo/inquiries.py
    "access_logs": dict(staff_no="", queried_at=None),
    "defenders": dict(name="", licence_no="", id_no="", engaged_on=None),
    "staff_departures": {},  # whole rows from demo/defence.py
    "staff_relatives": {},
}
KINDS = tuple(BLANK_ROWS)

CUSTODY_KINDS = frozenset({"拘留", "逮捕"})


@dataclass
class SuspectPlan:
    """A suspect while the case is generated: where they are held, and when."""

    seq: int
    row: dict[str, Any]
    # (measure row, place label) for each measure that holds the suspect somewhere.
    holds: list[tuple[dict[str, Any], str]] = field(default_factory=list)
    interrogations: list[dict[str, Any]] = field(default_factory=list)
    arrest_reports: list[date] = field(default_factory=list)  # 报请逮捕 dates

    def place_at(self, moment: datetime) -> str:
        for measure, place in reversed(self.holds):
            ended = measure["ended_at"]
            if measure["executed_at"] <= moment and (ended is None or moment < ended):
                return place
        return "讯问室"

    def held_in_detention_centre(self, moment: datetime) -> bool:
        """Whether a detention or arrest holds the suspect in the 看守所 at ``moment``."""
        for measure, _place in self.holds:
            ended = measure["ended_at"]
            if (
                measure["kind"] in CUSTODY_KINDS
                and measure["place_type"] == "看守所"
                and measure["executed_at"] <= moment
                and (ended is None or moment < ended)
            ):
                return True
        return False

    def open_custody(self) -> dict[str, Any] | None:
        """The suspect's last measure if it is a detention or arrest still running."""
        if not self.holds:
            return None
        measure = self.holds[-1][0]
        held = measure["kind"] in CUSTODY_KINDS and measure["ended_at"] is None
        return measure if held else None


class DocumentNumbers:
    """Document numbers dense per 院, department, document and year, in the order documents
    are generated; the 2014 counters start where numbering from 1 January would be."""

    def __init__(self, prefixes: dict[str, str], offsets: dict[tuple[str, str], int]) -> None:
        self.prefixes, self.offsets = prefixes, offsets
        self.counters: dict[tuple[str, str, str, int], int] = {}

    def next(self, unit_code: str, dept_code: str, code: str, year: int) -> str:
        key = (unit_code, dept_code, code, year)
        if key not in self.counters:
            self.counters[key] = self.offsets.get((unit_code, dept_code), 0) if year == 2014 else 0
        self.counters[key] += 1
        return f"{self.prefixes[unit_code]}检{dept_code}{code}〔{year}〕{self.counters[key]}号"


@dataclass
class Scene:
    """One case while its events are generated."""

    case: CaseRow
    rng: random.Random
    plant: Planter
    cal: Calendar
    end: date  # the close date, or the last day before the export for open cases
    team: list[str]  # 工号s: the handler first, then colleagues who may interrogate
    kind: CaseKind
    procedure: Procedure
    numbers: DocumentNumbers
    dept_code: str  # the department's code in case and document numbers
    cutoff: datetime = CUTOFF  # nothing the data knows is later
    last_day: date = LAST_DAY
    filing_date: date | None = None
    is_major_bribery: bool = False
    retrial_applied_on: date | None = None  # 民事诉讼监督: the party's application to the court
    retrial_ruled_on: date | None = None
    # 犯罪地, 侦查机关所在地, 指定管辖 (demo.places)
    places: dict[str, Any] = field(default_factory=dict)
    suspects: list[SuspectPlan] = field(default_factory=list)
    rows: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {kind: [] for kind in KINDS}
    )

    @property
    def start(self) -> date:
        return self.case.accept_date

    @property
    def closed(self) -> bool:
        return self.case.close_date is not None

    def add(self, table: str, /, **values: Any) -> dict[str, Any]:
        row = {"case_no": self.case.case_no, "seq": 0, **BLANK_ROWS[table], **values}
        self.rows[table].append(row)
        return row

    # --- time ---------------------------------------------------------------------------
    def day(self, first: date, last: date) -> date | None:
        """A day in [first, last], or None when the window is empty."""
        if first > last:
            return None
        picked = first + timedelta(days=self.rng.randint(0, (last - first).days))
        if picked.weekday() >= 5 and self.rng.random() < 0.9:
            # Offices work on weekdays: the Friday before or the Monday after, if in the window.
            friday = picked - timedelta(days=picked.weekday() - 4)
            monday = picked + timedelta(days=7 - picked.weekday())
            for candidate in (friday, monday):
                if first <= candidate <= last:
                    return candidate
        return picked

    def at(self, day: date, start: str = "08:30", stop: str = "17:00") -> datetime:
        """A minute on ``day`` between two clock times."""
        low, high = _minutes(start), _minutes(stop)
        return datetime.combine(day, time()) + timedelta(minutes=self.rng.randint(low, high))

    def after(self, moment: datetime, low: int, high: int) -> datetime:
        """``low``–``high`` minutes after ``moment``."""
        return moment + timedelta(minutes=self.rng.randint(low, high))

    def reply(self, moment: datetime, days: int) -> datetime:
        """A reply in office hours within ``days`` calendar days (same day: an hour or two)."""
        wait = self.rng.randint(0, days)
        if wait == 0 or moment.date() + timedelta(days=wait) > self.end:
            return self.after(moment, 20, 150)
        return self.at(moment.date() + timedelta(days=wait))


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def before_cutoff(moment: datetime | None) -> datetime | None:
    return moment if moment is not None and moment < CUTOFF else None
