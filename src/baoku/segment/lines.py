"""A page as a list of non-blank lines, each with its span in the page text."""

from __future__ import annotations

from dataclasses import dataclass

_TRIM = " \t\u3000\u00a0\r\f\v"


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    start: int
    end: int


def page_lines(text: str) -> list[Line]:
    """The page's non-blank lines, trimmed of surrounding spaces; spans point into ``text``."""
    lines = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip(_TRIM)
        if stripped:
            lead = len(raw) - len(raw.lstrip(_TRIM))
            lines.append(Line(stripped, pos + lead, pos + lead + len(stripped)))
        pos += len(raw) + 1
    return lines
