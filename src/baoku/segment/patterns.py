"""The printed forms of datelines, bylines, photo credits and closing lines.

Each recogniser takes one line of page text and returns what it found with the offsets of the
match inside the line, so that the caller can turn them into spans of the page.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..names import SURNAMES

# Half- and full-width forms appear side by side in OCR output, so every pattern takes both.
_OPEN = r"[(（]"
_CLOSE = r"[)）]"
_SPACE = r"[ \t\u3000]"
_AGENCY = r"本报|新华社|中新社|人民网|央视网|光明日报|经济日报|中国日报|解放军报|法制日报"
_NAME = r"[\u4e00-\u9fff·•]{2,8}"
_ROLE = r"(?:本报|新华社|中新社)?(?:特约|实习|驻[\u4e00-\u9fff]{1,8})?(?:记者|通讯员|见习记者)"

DATELINE = re.compile(
    rf"^(?P<lead>据)?(?P<source>{_AGENCY})"
    rf"(?:(?P<kind>讯)|(?P<place>[\u4e00-\u9fff]{{1,10}}?)?(?P<date>(?:\d{{1,2}}月)?\d{{1,2}}日)?电)"
)
"""``本报北京1月31日电``, ``新华社电``, ``据新华社华盛顿1月30日电``, ``本报讯``."""

PAREN_CREDIT = re.compile(rf"{_SPACE}*{_OPEN}(?P<inner>[^()（）]{{1,60}}?){_CLOSE}")
"""The ``（记者吴月辉）`` right after a dateline."""

BYLINE_LINE = re.compile(
    rf"^(?P<role>{_ROLE}){_SPACE}*(?P<names>[\u4e00-\u9fff·•{_SPACE[1:-1]}、，,]{{2,40}})$"
)
"""A whole line that is a byline: ``本报记者 潘俊强``, ``本报记者  常  钦  郁静娴``."""

CREDIT = re.compile(
    rf"^{_OPEN}?(?P<who>(?:{_ROLE})?[\u4e00-\u9fff·•{_SPACE[1:-1]}、/／]{{2,40}}?)"
    rf"{_SPACE}*(?:摄影?|供图|制图|绘){_CLOSE}?$"
)
"""A photo credit line: ``记者 郭超 摄``, ``新华社记者 杨宗友摄``, ``本报记者  罗艾桦文  陈北跑摄``."""

CLOSING = re.compile(rf"^{_OPEN}(?P<inner>[^()（）]{{2,80}}){_CLOSE}$")
"""A line in brackets closing an article: ``（本报记者 石莹 综合整理）``, ``（作者为…）``."""

PICTURE = re.compile(r"^(图为|图[①-⑳\d一二三四五六]|上图|下图|左图|右图|图：|图:)")
"""A photo caption's opening: ``图为…``, ``图①…``."""

_REPORTER_INNER = re.compile(rf"^(?:{_ROLE}|综合(?:本报)?记者|本报记者)")
_CLOSING_HINT = re.compile(r"作者|记者|整理|通讯员|编辑|电）?$|据.*报道|来源")
_NAME_SPLIT = re.compile(rf"[{_SPACE[1:-1]}、，,/／]+")
_DATE = re.compile(r"(?:(?P<month>\d{1,2})月)?(?P<day>\d{1,2})日")


@dataclass
class Attribution:
    """What a dateline, byline or credit says, and where in its line it ends."""

    end: int
    source: str | None = None
    place: str | None = None
    date_text: str | None = None
    dateline: str | None = None
    byline: str | None = None
    reporters: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)


def match_dateline(line: str) -> Attribution | None:
    """A dateline at the start of a body paragraph, with the reporters' bracket after it."""
    m = DATELINE.match(line)
    if not m:
        return None
    found = Attribution(
        end=m.end(),
        source=m["source"],
        place=m["place"],
        date_text=m["date"],
        dateline=m.group(0),
    )
    credit = PAREN_CREDIT.match(line, m.end())
    inner = credit["inner"].strip() if credit else ""
    if _REPORTER_INNER.match(inner):
        found.end, found.byline, found.reporters = credit.end(), inner, names_after_role(inner)
    elif _names_only(inner):  # ``本报济南10月21日电 (潘俊强、孙华伟)``: reporters without their role
        found.end, found.byline, found.reporters = credit.end(), inner, split_names(inner)
    return found


def _names_only(text: str) -> bool:
    """Whether a bracket holds nothing but people's names, each with a common surname."""
    names = split_names(text)
    return bool(names) and "".join(names) == _NAME_SPLIT.sub("", text) and all(
        len(name) <= 4 and name[0] in SURNAMES for name in names)


def match_byline_line(line: str) -> Attribution | None:
    m = BYLINE_LINE.match(line.strip())
    if not m:
        return None
    return Attribution(
        end=len(line), byline=line.strip(), reporters=split_names(m["names"]),
        source=_source_of(m["role"]),
    )


def match_credit(line: str) -> Attribution | None:
    """``记者 郭超 摄`` → photographer 郭超; ``本报记者 罗艾桦文 陈北跑摄`` → writer and photographer."""
    text = line.strip()
    m = CREDIT.match(text)
    if not m:
        return None
    who = re.sub(rf"^{_ROLE}", "", m["who"].strip()).strip()
    names = split_names(who)
    if not names or any(len(n) > 5 for n in names):
        return None
    reporters = [n[:-1] for n in names if n.endswith("文") and len(n) >= 3]
    photographers = [n for n in names if not (n.endswith("文") and len(n) >= 3)]
    return Attribution(
        end=len(line), byline=text, reporters=reporters, photographers=photographers,
        source=_source_of(m["who"]),
    )


def match_closing(line: str) -> Attribution | None:
    """A bracketed closing line naming the author or source of the article."""
    m = CLOSING.match(line.strip())
    if not m or not _CLOSING_HINT.search(m["inner"]):
        return None
    inner = m["inner"].strip()
    return Attribution(end=len(line), byline=inner, reporters=names_after_role(inner),
                       source=_source_of(inner))


_TRAILING_CLOSING = re.compile(rf"(?<=[。！？!?”])\s*{_OPEN}(?P<inner>[^()（）]{{2,60}}){_CLOSE}$")


def match_trailing_closing(line: str) -> tuple[int, Attribution] | None:
    """A closing bracket printed at the end of the last paragraph: ``…发生。(本报记者 石莹 整理)``.
    Returns where the bracket starts in the line, and what it says."""
    m = _TRAILING_CLOSING.search(line)
    if not m or not _CLOSING_HINT.search(m["inner"]):
        return None
    start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
    return start, match_closing(line[start:])


def names_after_role(text: str) -> list[str]:
    """``记者 付凯 刘福文`` → [付凯, 刘福文]; ``本报记者 石莹 综合整理`` → [石莹]."""
    m = re.search(rf"{_ROLE}", text)
    if not m:
        return []
    rest = re.sub(r"(综合)?(整理|采写|报道|采访整理)$", "", text[m.end():].strip())
    # Another role (``通讯员``) inside the bracket starts a second group of names.
    names: list[str] = []
    for chunk in re.split(rf"{_ROLE}", rest):
        names += split_names(chunk)
    return names


def split_names(text: str) -> list[str]:
    """Names separated by spaces or 、; a name printed with spaces inside (``张 枨``) is joined."""
    pieces = [p for p in _NAME_SPLIT.split(text.strip()) if p]
    names: list[str] = []
    for piece in pieces:
        # Two-character names are often printed with a space between the characters.
        if len(piece) == 1 and names and len(names[-1]) == 1:
            names[-1] += piece
        else:
            names.append(piece)
    return [n for n in names if len(n) >= 2 and re.fullmatch(_NAME, n)]


def iso_date(date_text: str | None, issue_date: str | None) -> str | None:
    """``1月31日`` in a paper of 2019-02-01 → 2019-01-31; a day alone takes the issue's month."""
    if not date_text or not issue_date:
        return None
    m = _DATE.fullmatch(date_text)
    if not m:
        return None
    issue = dt.date.fromisoformat(issue_date)
    day = int(m["day"])
    if m["month"]:
        month, year = int(m["month"]), issue.year
        if month > issue.month + 1:  # a December dateline in a January paper
            year -= 1
    else:  # a day alone: this month, or last month when the day is still to come
        year, month = issue.year, issue.month
        if day > issue.day:
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _source_of(text: str) -> str | None:
    m = re.match(rf"^(?:据)?({_AGENCY})", text.strip())
    return m.group(1) if m else None
