"""Cell parsers for imported spreadsheets: dates as people type them, yes/no, codes.

Plain Python. Each parser takes what the reader gives (text from CSV; text, numbers,
dates or booleans from XLSX) and returns the value to store, or raises ``ValueError``
with a Chinese reason that goes into the error report as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

EXCEL_EPOCH = date(1899, 12, 30)  # Excel's day 0, after its 1900 leap-year bug
# Serial numbers we accept as dates: 1954-10-03 .. 2119-01-10; a bare year such as 2015 is not.
_SERIAL_RANGE = (20000, 80000)

_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DATETIME = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T]+|\s*)(\d{1,2})\s*[:时]\s*(\d{1,2})\s*(?:[:分]\s*(\d{1,2})(?:\.\d+)?\s*秒?)?\s*分?$"
)
_SERIAL = re.compile(r"^\d{1,7}(\.\d+)?$")

TRUE_WORDS = frozenset({"是", "y", "yes", "true", "1", "√", "✓", "有", "已"})
FALSE_WORDS = frozenset({"否", "n", "no", "false", "0", "×", "✗", "无", "未", ""})


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: Any) -> str:
    if type(value) is str:  # the common case: every CSV cell
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores typed numbers as floats
    return str(value).strip()


def _make_date(year: int, month: int, day: int, raw: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"日期“{raw}”不存在") from None


def _from_serial(serial: float, raw: str) -> datetime:
    if not _SERIAL_RANGE[0] <= serial < _SERIAL_RANGE[1]:
        raise ValueError(f"无法识别的日期“{raw}”")
    return datetime.combine(EXCEL_EPOCH, time()) + timedelta(days=serial)


@lru_cache(maxsize=65536)
def _date_from_text(raw: str) -> date:
    if match := _DATE.match(raw):
        return _make_date(*map(int, match.groups()), raw)
    if match := _COMPACT.match(raw):
        return _make_date(*map(int, match.groups()), raw)
    if match := _DATETIME.match(raw):
        return _make_date(*map(int, match.groups()[:3]), raw)
    if _SERIAL.match(raw):
        return _from_serial(float(raw), raw).date()
    raise ValueError(f"无法识别的日期“{raw}”，请写成 2015-03-14、2015/3/14 或 2015年3月14日")


def parse_date(value: Any) -> date | None:
    """2015-03-14, 2015/3/14, 2015.3.14, 2015年3月14日, 20150314, Excel dates and serials."""
    if blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_serial(float(value), text(value)).date()
    return _date_from_text(str(value).strip())


@lru_cache(maxsize=65536)
def _datetime_from_text(raw: str) -> datetime:
    if match := _DATETIME.match(raw):
        y, m, d, hh, mm, ss = match.groups()
        day = _make_date(int(y), int(m), int(d), raw)
        try:
            return datetime.combine(day, time(int(hh), int(mm), int(ss or 0)))
        except ValueError:
            raise ValueError(f"时间“{raw}”不存在") from None
    if _SERIAL.match(raw) and "." in raw:
        return _from_serial(float(raw), raw)
    return datetime.combine(_date_from_text(raw), time())


def parse_datetime(value: Any) -> datetime | None:
    """A date as above, optionally with a time (2015-03-03 09:00, 2015/3/3 9:00:00); naive."""
    if blank(value):
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_serial(float(value), text(value)).replace(microsecond=0)
    return _datetime_from_text(str(value).strip())


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = text(value).lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"“{text(value)}”不是“是/否”")


MAX_INT = 2_147_483_647  # what every database's INTEGER column holds


def parse_positive_int(value: Any) -> int | None:
    if blank(value):
        return None
    raw = text(value)
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_INT:
        raise ValueError(f"“{raw}”不是正整数（1 至 {MAX_INT}）")
    return int(raw)


def parse_count(value: Any) -> int | None:
    """A count: a whole number, 0 included."""
    if blank(value):
        return None
    raw = text(value)
    if not raw.isascii() or not raw.isdigit() or int(raw) > MAX_INT:
        raise ValueError(f"“{raw}”不是非负整数（0 至 {MAX_INT}）")
    return int(raw)


def parse_year(value: Any) -> int | None:
    year = parse_positive_int(value)
    if year is not None and not 1979 <= year <= 2100:
        raise ValueError(f"年度“{year}”不合理")
    return year


_MONTH = re.compile(r"(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*月?|(\d{2}))")


def parse_month(value: Any) -> date | None:
    """A month as the first of it: 2015-09, 2015/9, 2015.9, 2015年9月, 201509, an Excel date."""
    if blank(value):
        return None
    if isinstance(value, date):
        return date(value.year, value.month, 1)
    match = _MONTH.fullmatch(text(value))
    if match is None:
        raise ValueError(f"无法识别的月份“{text(value)}”，请写成 2015-09 或 2015年9月")
    month = int(match.group(2) or match.group(3))
    if not 1 <= month <= 12:
        raise ValueError(f"月份“{text(value)}”不存在")
    return date(int(match.group(1)), month, 1)


_STAFF_SEPARATORS = re.compile(r"[,，;；、\s]+")
_STAFF_PLAIN = re.compile(r"[0-9A-Za-z]+(?:,[0-9A-Za-z]+)*")


def parse_staff_list(value: Any) -> str:
    """工号s separated by commas, semicolons, 、 or spaces, kept as "a,b"."""
    raw = text(value)
    if not raw or _STAFF_PLAIN.fullmatch(raw):  # already "a,b": the usual export
        return raw
    return ",".join(part for part in _STAFF_SEPARATORS.split(raw) if part)


def choice_parser(
    choices: Mapping[str, str], what: str, shown: list[str] | None = None
) -> Callable[[Any], str]:
    """Map a label or alias (as people write it) to a stored code; ``shown`` lists the
    labels named in the error message."""
    lookup = {key.strip().lower(): code for key, code in choices.items()}
    allowed = "、".join(shown if shown is not None else [k for k in choices if k])

    def parse(value: Any) -> str:
        raw = text(value)
        code = lookup.get(raw.lower())
        if code is None:
            raise ValueError(f"{what}“{raw}”无法识别，可填：{allowed}")
        return code

    return parse


def closed_after_accepted(values: Mapping[str, Any]) -> tuple[str, str] | None:
    """A row check: a case cannot be closed before it was accepted (a swapped pair of dates
    is the usual cause). Returns the column and the reason, or None."""
    accepted, closed = values.get("accept_date"), values.get("close_date")
    if accepted and closed and closed < accepted:
        return (
            "办结日期",
            f"办结日期 {closed.isoformat()} 早于受理日期 {accepted.isoformat()}，请核对两个日期",
        )
    return None


_ID_NO = re.compile(r"\d{17}[\dX]|\d{15}")


def parse_id_no(value: Any) -> str:
    """A 居民身份证号 of 18 characters (the last may be X) or the older 15 digits."""
    raw = text(value).upper()
    if raw and not _ID_NO.fullmatch(raw):
        raise ValueError(f"身份证号“{raw}”不是 18 位（末位可为 X）或 15 位数字")
    return raw


def _closed_after_accepted_columns(
    columns: Mapping[str, list[Any]], positions: list[int]
) -> dict[int, tuple[str, str]]:
    """closed_after_accepted() of the rows at ``positions`` of a batch held as columns."""
    accepted, closed = columns.get("accept_date"), columns.get("close_date")
    if accepted is None or closed is None:
        return {}
    found = {}
    for p in positions:
        if (c := closed[p]) and (a := accepted[p]) and c < a:
            found[p] = closed_after_accepted({"accept_date": a, "close_date": c})
    return found


closed_after_accepted.columnwise = _closed_after_accepted_columns  # type: ignore[attr-defined]
