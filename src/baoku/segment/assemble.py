"""From tagged lines to articles: heading parts, attributions, paragraphs, series and kind."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import ids
from ..model import Article, Byline, Dateline, Part, heading_fields
from .lines import Line
from .patterns import (
    PICTURE,
    Attribution,
    iso_date,
    match_byline_line,
    match_closing,
    match_credit,
    match_dateline,
    match_trailing_closing,
)
from .tagger import HEADING_TAGS

_HEADING_ORDER = {"column": 0, "series": 0, "kicker": 1, "headline": 2, "subtitle": 3}
_DEPARTMENT = re.compile(r"^[\u4e00-\u9fff]{2,14}[：:]$")
_SENTENCE_END = tuple("。！？!?…”」』）)】；;—") + ("——",)
_PHOTO_BODY_LIMIT = 400  # characters: longer items with a credit are news with a picture
_TITLE_LIMIT = 15  # characters of a photo's title
_CAPTION_LIMIT = 200  # characters of the one paragraph between a photo's title and its credit


@dataclass
class Draft:
    """An article while it is being put together."""

    heading: list[tuple[str, Line]] = field(default_factory=list)
    body: list[tuple[str, Line]] = field(default_factory=list)


def mark_departments(lines: list[Line], tags: list[str]) -> list[str]:
    """Composite pages print department + headline per section, under one series banner:
    ``攻坚打头阵 落实当先锋`` / ``市委组织部：`` / ``为决战四季度提供…`` / body."""
    tags = list(tags)
    for i, line in enumerate(lines[:-1]):
        nxt = lines[i + 1].text
        if _DEPARTMENT.match(line.text) and len(nxt) <= 30 and not nxt.endswith("。"):
            tags[i], tags[i + 1] = "kicker", "headline"
            if i and tags[i - 1] in ("headline", "subheading", "kicker", "column"):
                tags[i - 1] = "series"
    return tags


def mark_photo_titles(lines: list[Line], tags: list[str]) -> list[str]:
    """A short line over one short paragraph and a photo credit is a photo's title, not a
    subheading of the article before: ``春到青川河`` / ``3月10日，市民在…`` / ``记者 赵一鸣 摄``.
    Not where it follows a caption or a credit: that is a photo series' credit (``人民视觉``)."""
    tags = list(tags)
    for i in range(1, len(lines) - 2):
        title, caption, credit, before = (lines[k].text for k in (i, i + 1, i + 2, i - 1))
        if (tags[i] == "subheading" and tags[i + 1] == "body" and len(title) <= _TITLE_LIMIT
                and len(caption) <= _CAPTION_LIMIT and match_credit(credit)
                and not (match_credit(title) or match_credit(before) or PICTURE.match(before))):
            tags[i] = "headline"
    return tags


def drafts(lines: list[Line], tags: list[str]) -> list[Draft]:
    """Group lines into articles: a heading starts one, unless it continues the heading before."""
    out: list[Draft] = []
    last_heading_rank = -1
    for line, tag in zip(lines, tags, strict=True):
        if tag in HEADING_TAGS or tag == "series":
            rank = _HEADING_ORDER[tag]
            starts_new = not out or out[-1].body or rank < last_heading_rank or (
                rank == last_heading_rank and tag != "headline")
            if starts_new:
                out.append(Draft())
            out[-1].heading.append((tag, line))
            last_heading_rank = rank
        else:
            if not out:
                out.append(Draft())  # text continued from an earlier page: no heading
            out[-1].body.append((tag, line))
            last_heading_rank = -1
    return out


def build_article(draft: Draft, article_id: str, issue_date: str | None) -> Article:
    heading = [Part(role=tag, text=line.text, span=(line.start, line.end))
               for tag, line in draft.heading]
    byline, dateline = Byline(), None
    paragraphs: list[Part] = []
    attributions: list[Part] = []
    for index, (tag, line) in enumerate(draft.body):
        credit = match_credit(line.text)
        if credit:
            attributions.append(Part(role="credit", text=line.text, span=(line.start, line.end)))
            _merge(byline, credit)
            continue
        if index == 0 or not paragraphs:
            found = match_dateline(line.text)
            if found:
                dateline = Dateline(text=found.dateline,
                                    date=iso_date(found.date_text, issue_date))
                byline.place = found.place
                _merge(byline, found)
                line = _split_prefix(line, found, attributions)
                if line is None:
                    continue
        standalone = match_byline_line(line.text)
        if standalone:
            attributions.append(Part(role="byline", text=line.text, span=(line.start, line.end)))
            _merge(byline, standalone)
            continue
        trailing = match_trailing_closing(line.text)
        if trailing:
            cut, closing = trailing
            body_text = line.text[:cut].rstrip()
            paragraphs.append(Part(role="body", text=body_text,
                                   span=(line.start, line.start + len(body_text))))
            line = Line(line.text[cut:], line.start + cut, line.end)
        closing = match_closing(line.text)
        if closing:
            _merge(byline, closing)
            role = "closing"
        elif tag == "subheading":
            role = "subheading"
        elif PICTURE.match(line.text):
            role = "caption"
        else:
            role = "body"
        paragraphs.append(Part(role=role, text=line.text, span=(line.start, line.end)))
    all_parts = heading + paragraphs + attributions
    body_length = sum(len(p.text) for p in paragraphs)
    is_photo = bool(byline.photographers) and dateline is None and body_length < _PHOTO_BODY_LIMIT
    if is_photo:
        paragraphs = [p.model_copy(update={"role": "caption"}) if p.role == "body" else p
                      for p in paragraphs]
    return Article(
        id=article_id,
        kind="photo" if is_photo else "news",
        span=(min(p.span[0] for p in all_parts), max(p.span[1] for p in all_parts)),
        **heading_fields(heading),
        byline=byline,
        dateline=dateline,
        heading=heading,
        paragraphs=paragraphs,
        attributions=sorted(attributions, key=lambda p: p.span),
        truncated=_ends_mid_sentence(paragraphs),
    )


def share_series(articles: list[Article]) -> list[Article]:
    """Sections under one series banner share the banner and the closing byline printed once."""
    groups: list[list[int]] = []
    for i, article in enumerate(articles):
        in_section = bool(article.kicker and _DEPARTMENT.match(article.kicker))
        if in_section and (article.series or (groups and groups[-1][-1] == i - 1)):
            if article.series:
                groups.append([i])
            else:
                groups[-1].append(i)
    out = list(articles)
    for group in groups:
        series = articles[group[0]].series
        shared = next((articles[i].byline for i in reversed(group)
                       if articles[i].byline.text), None)
        for i in group:
            update: dict = {"series": series}
            if shared and not articles[i].byline.text:
                update["byline"] = shared
            out[i] = articles[i].model_copy(update=update)
    return out


def segment_lines(lines: list[Line], tags: list[str], page_id: str,
                  issue_date: str | None) -> list[Article]:
    tags = mark_photo_titles(lines, mark_departments(lines, tags))
    articles = [build_article(d, ids.article_id(page_id, n), issue_date)
                for n, d in enumerate(drafts(lines, tags), start=1)]
    return share_series(articles)


def _split_prefix(line: Line, found: Attribution, attributions: list[Part]) -> Line | None:
    """Move a dateline prefix into the attributions; what follows it stays a paragraph."""
    cut = found.end
    attributions.append(Part(role="dateline", text=line.text[:cut].rstrip(),
                             span=(line.start, line.start + len(line.text[:cut].rstrip()))))
    rest = line.text[cut:]
    lead = len(rest) - len(rest.lstrip(" \t\u3000"))
    rest = rest.strip(" \t\u3000")
    if not rest:
        return None
    start = line.start + cut + lead
    return Line(rest, start, start + len(rest))


def _merge(byline: Byline, found: Attribution) -> None:
    byline.source = byline.source or found.source
    if found.byline and not byline.text:
        byline.text = found.byline
    byline.reporters += [n for n in found.reporters if n not in byline.reporters]
    byline.photographers += [n for n in found.photographers if n not in byline.photographers]


def _ends_mid_sentence(paragraphs: list[Part]) -> bool:
    if not paragraphs or paragraphs[-1].role not in ("body", "caption"):
        return False
    return not paragraphs[-1].text.endswith(_SENTENCE_END)
