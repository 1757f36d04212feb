"""Stable, readable ids in the impresso style: ``<paper-slug>-<YYYY-MM-DD>-p<NN>-a<NN>``.

This module is the only place that formats or parses an id.
"""

from __future__ import annotations

import re
from functools import lru_cache

UNKNOWN_PAPER = "unknown"
UNDATED = "undated"

_DATE = r"\d{4}-\d{2}-\d{2}|" + UNDATED
PAGE_ID = re.compile(rf"^(?P<paper>[a-z0-9]+(?:-[a-z0-9]+)*)-(?P<date>{_DATE})-p(?P<page>\d{{2,}})$")
ARTICLE_ID = re.compile(PAGE_ID.pattern[:-1] + r"-a(?P<article>\d{2,})$")


@lru_cache(maxsize=256)
def paper_slug(paper: str | None) -> str:
    """``人民日报`` → ``renminribao``; ``Weifang Daily`` → ``weifang-daily``."""
    if not paper:
        return UNKNOWN_PAPER
    from pypinyin import lazy_pinyin  # 0.3 s to import: not for commands that name no paper

    words = re.split(r"[^a-z0-9]+", "".join(lazy_pinyin(paper.strip().lower())))
    return "-".join(w for w in words if w) or UNKNOWN_PAPER


def page_id(paper: str | None, date: str | None, page: int) -> str:
    return f"{paper_slug(paper)}-{date or UNDATED}-p{page:02d}"


def article_id(page_id_: str, article: int) -> str:
    return f"{page_id_}-a{article:02d}"
