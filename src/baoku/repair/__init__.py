"""repair: audited OCR repair, ftfy-style.

Input: a parsed `Document`. Output: the same document with column breaks joined and characters
repaired — every change an `Edit` on its article, with a span into the page's input text, so
that replaying the edits gives each part's text and undoing them gives back the input — and
what it doubts but leaves alone reported as `Flag`s.

Repair runs after segmentation because it needs the roles of lines: a break is joined only
between paragraphs of one article, never after a headline, and spaces are removed only in body
text, where they are OCR artefacts, never in headlines, where they separate phrases.
"""

from __future__ import annotations

import bisect

from ..model import Article, Document, Flag, Part, heading_fields
from .characters import (
    CharacterRule,
    doubled_word,
    full_width_letters,
    ocr_markup,
    punctuation_width,
    spurious_spaces,
)
from .edits import replay, undo, without_overlaps
from .flags import Detector, implausible_number, possible_reduplication, repeated_name, truncation
from .joins import JoinModel, join_paragraphs

__all__ = ["CHARACTER_RULES", "DETECTORS", "repair_article", "repair_document", "replay", "undo"]

CHARACTER_RULES: dict[str, CharacterRule] = {
    "ocr-markup": ocr_markup,
    "full-width-letters": full_width_letters,
    "punctuation-width": punctuation_width,
    "doubled-word": doubled_word,
    "spurious-space": spurious_spaces,
}
"""The character rules by name, in the order that settles which of two overlapping edits wins
(the column-break joins come before all of them)."""

DETECTORS: dict[str, Detector] = {
    "doubled-word": possible_reduplication,
    "repeated-name": repeated_name,
    "implausible-number": implausible_number,
}

_BODY_ONLY = frozenset({"doubled-word", "spurious-space"})
_RUNNING_TEXT = ("body", "caption")


def repair_document(document: Document, join_model: JoinModel | None = None) -> Document:
    return document.model_copy(update={"pages": [
        page.model_copy(update={"articles": [repair_article(a, page.text, join_model)
                                             for a in page.articles]})
        for page in document.pages]})


def repair_article(article: Article, page_text: str,
                   join_model: JoinModel | None = None) -> Article:
    paragraphs, edits = join_paragraphs(article.paragraphs, page_text, join_model)
    flags: list[Flag] = []
    for part in article.heading + article.paragraphs + article.attributions:
        text, start = page_text[part.span[0]:part.span[1]], part.span[0]
        running = part.role in _RUNNING_TEXT
        for name, rule in CHARACTER_RULES.items():
            if running or name not in _BODY_ONLY:
                edits += rule(text, start)
        if running:
            flags += [f for detect in DETECTORS.values() for f in detect(text, start)]
    if article.truncated:
        flags += truncation(article.paragraphs)
    edits = without_overlaps(edits)
    starts = [e.span[0] for e in edits]

    def repaired(parts: list[Part]) -> list[Part]:
        out = []
        for part in parts:
            own = edits[bisect.bisect_left(starts, part.span[0]):
                        bisect.bisect_left(starts, part.span[1])]
            out.append(part.model_copy(update={"text": replay(page_text, part.span, own)})
                       if own else part)
        return out

    heading = repaired(article.heading)
    # Only the fields its own heading lines give: a section's series comes from the banner above.
    own_fields = {name: text for name, text in heading_fields(heading).items() if text}
    return article.model_copy(update={
        **own_fields, "heading": heading, "paragraphs": repaired(paragraphs),
        "attributions": repaired(article.attributions), "edits": edits,
        "flags": sorted(flags, key=lambda f: f.span)})

