"""Dates, absolute (2025年第三季度) and relative to the issue date (10月28日 in a 2025-10-29
paper is 2025-10-28; 今年前三季度 is 2025-01-01/2025-09-30), as an ISO date or interval."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .numbers import number

_N = r"[\d零〇一二三四五六七八九十两]+"
_YEAR = r"\d{4}|[零〇一二三四五六七八九]{4}"
_RELATIVE_YEAR = "今年|去年|明年|前年"
_QUARTER, _QUARTERS, _HALF = "[一二三四1-4]", "[一二三1-3]", "上|下"
_DATE = re.compile(
    r"(?=[\d零〇一二三四五六七八九十两今去明前第上下])"  # fail at once where no date can start
    # and where none does: every date begins with one of its parts, and an empty match would
    # cost a turn of the loop at each numeral
    rf"(?=(?:{_YEAR})年|{_RELATIVE_YEAR}|{_N}月|第{_QUARTER}季度|前{_QUARTERS}季度|(?:{_HALF})半年)"
    rf"(?:(?P<year>{_YEAR})年|(?P<relative_year>{_RELATIVE_YEAR}))?"
    rf"(?:(?P<month>{_N})月(?:(?P<day>{_N})日)?"
    rf"|第(?P<quarter>{_QUARTER})季度|前(?P<quarters>{_QUARTERS})季度"
    rf"|(?P<half>{_HALF})半年)?")
_TODAY = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "前天": -2, "明天": 1, "明日": 1}
_RELATIVE_DAY = re.compile("|".join(_TODAY))
_YEAR_OFFSET = {"今年": 0, "去年": -1, "明年": 1, "前年": -2}


@dataclass
class DateMention:
    start: int
    end: int
    value: str


def dates(text: str, issue_date: str | None = None) -> list[DateMention]:
    """The dates of one passage; relative ones need the issue date (ISO) and are skipped
    without it."""
    issue = dt.date.fromisoformat(issue_date) if issue_date else None
    found = []
    for m in _DATE.finditer(text):
        if value := _value(m, issue):
            found.append(DateMention(m.start(), m.end(), value))
    for m in _RELATIVE_DAY.finditer(text):
        if issue and not any(d.start <= m.start() < d.end for d in found):
            day = issue + dt.timedelta(days=_TODAY[m.group()])
            found.append(DateMention(m.start(), m.end(), day.isoformat()))
    return sorted(found, key=lambda d: d.start)


def _value(m: re.Match[str], issue: dt.date | None) -> str | None:
    year = _year(m, issue)
    if year is None:
        return None
    if m["month"]:
        month = int(number(m["month"]) or 0)
        if not 1 <= month <= 12:
            return None
        if m["day"]:
            day = int(number(m["day"]) or 0)
            if not 1 <= day <= calendar.monthrange(year, month)[1]:
                return None
            return dt.date(year, month, day).isoformat()
        return f"{year}-{month:02d}"
    if m["quarter"]:
        q = int(number(m["quarter"]) or 0)
        return _months(year, 3 * q - 2, 3 * q)
    if m["quarters"]:
        return _months(year, 1, 3 * int(number(m["quarters"]) or 0))
    if m["half"]:
        return _months(year, 1, 6) if m["half"] == "上" else _months(year, 7, 12)
    return str(year) if (m["year"] or m["relative_year"]) else None


def _year(m: re.Match[str], issue: dt.date | None) -> int | None:
    if m["year"]:
        return int(number(m["year"]) or 0) or None
    if issue is None:
        return None
    if m["relative_year"]:
        return issue.year + _YEAR_OFFSET[m["relative_year"]]
    if m["month"] and number(m["month"]) and int(number(m["month"])) > issue.month + 1:
        return issue.year - 1  # 12月 in a January paper is last December
    return issue.year


def _months(year: int, first: int, last: int) -> str:
    end = dt.date(year, last, calendar.monthrange(year, last)[1])
    return f"{dt.date(year, first, 1).isoformat()}/{end.isoformat()}"
