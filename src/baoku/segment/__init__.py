"""segment: one page's text → its articles, every line with a role, nothing dropped.

Input: the page text. Output: articles and unassigned lines, with spans into the page text.
"""

from __future__ import annotations

from ..model import Article, Part
from .assemble import segment_lines
from .features import page_features
from .lines import page_lines
from .tagger import Tagger, default_tagger

__all__ = ["segment_page"]


def segment_page(text: str, page_id: str, issue_date: str | None = None,
                 tagger: Tagger | None = None) -> tuple[list[Article], list[Part]]:
    """The page's articles, and the lines that belong to none: marks without a letter, digit
    or character (a row of ■, a rule of dashes) before the first article."""
    lines = page_lines(text)
    leading_marks = 0
    while leading_marks < len(lines) and not any(ch.isalnum() for ch in lines[leading_marks].text):
        leading_marks += 1
    unassigned = [Part(role="unassigned", text=line.text, span=(line.start, line.end))
                  for line in lines[:leading_marks]]
    lines = lines[leading_marks:]
    tags = (tagger or default_tagger()).tag(page_features(lines))
    return segment_lines(lines, tags, page_id, issue_date), unassigned
