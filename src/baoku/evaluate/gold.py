"""Pages with their true articles, in the format of ``shared/samples/rmrb-*/gold.jsonl``."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import BaokuError
from ..segment.features import end_class
from ..segment.lines import Line
from ..segment.patterns import match_byline_line, match_closing, match_credit, match_dateline

HEADING_FIELDS = ("column", "kicker", "headline", "subtitle")
_WIDTH = str.maketrans(",:;()!?", "，：；（）！？")
_SPACES = re.compile(r"\s+")


@dataclass
class GoldPage:
    path: Path
    paper: str | None
    date: str | None
    number: int | None
    articles: list[dict]
    events: list[dict]


@dataclass(frozen=True)
class ColumnBreak:
    """Where a break cut a paragraph: ``gap`` is the white space between the two pieces."""

    gap: tuple[int, int]
    duplicated: bool


def comparable(text: str) -> str:
    """Text as the scorer compares it: punctuation full-width, no white space."""
    return _SPACES.sub("", text.translate(_WIDTH))


def load_gold(folder: Path) -> list[GoldPage]:
    index = folder / "gold.jsonl"
    if not index.is_file():
        raise BaokuError("no-gold", f"{folder}: no gold.jsonl in this folder")
    pages = []
    with index.open(encoding="utf-8") as lines:
        for line in lines:
            d = json.loads(line)
            pages.append(GoldPage(folder / d["file"], d.get("paper"), d.get("date"),
                                  d.get("page"), d["articles"], d.get("events", [])))
    return pages


def column_breaks(page: GoldPage, text: str) -> list[ColumnBreak]:
    """The page's column breaks, found in its text by the words on either side."""
    found = []
    for event in page.events:
        if event["kind"] != "column_break":
            continue
        m = re.search(re.escape(event["left"]) + r"(\s+)" + re.escape(event["right"]), text)
        if m:
            found.append(ColumnBreak(m.span(1), bool(event.get("duplicated"))))
    return found


def line_tags(page: GoldPage, lines: list[Line]) -> list[str]:
    """The tagger's tag for each line, found by matching the gold heading parts to lines."""
    keys = [comparable(line.text) for line in lines]
    tags = ["body"] * len(lines)
    i = 0
    for article in page.articles:
        for field in HEADING_FIELDS:
            value = article.get(field)
            if not value:
                continue
            want = comparable(value)
            for j in range(i, len(lines)):
                if keys[j] == want:
                    tags[j] = field
                    i = j + 1
                    break
    paragraphs = {comparable(p) for article in page.articles for p in article["paragraphs"]}
    for j, line in enumerate(lines):
        if tags[j] == "body" and keys[j] in paragraphs and looks_like_subheading(line.text):
            tags[j] = "subheading"
    return tags


def looks_like_subheading(text: str) -> bool:
    """A short body line that does not end like a sentence and names no one."""
    if len(text) > 30 or "。" in text:
        return False
    if end_class(text) not in ("han", "digit", "latin", "circled", "book", "other"):
        return False
    return not (match_credit(text) or match_dateline(text) or match_byline_line(text)
                or match_closing(text))
