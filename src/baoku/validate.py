"""Checks that a parse keeps its promises; returns a list of problems instead of raising."""

from __future__ import annotations

from .model import Article, Document, Page
from .repair import replay, undo


def check_document(document: Document) -> list[str]:
    return [problem for page in document.pages for problem in check_page(page)]


def check_page(page: Page) -> list[str]:
    """Every part's text is the page text at its span with its article's edits replayed, undoing
    them gives the page text back, every non-blank character of the page lies in some
    article's part or in the unassigned lines, and every entity and fact points into its part."""
    problems = []
    covered = bytearray(len(page.text))
    parts = [(p, a.edits) for a in page.articles for p in a.parts()]
    parts += [(p, []) for p in page.unassigned]
    for part, edits in parts:
        start, end = part.span
        if not 0 <= start <= end <= len(page.text):
            problems.append(f"{page.id}: span {part.span} is outside the page text")
            continue
        if replay(page.text, part.span, edits) != part.text:
            problems.append(f"{page.id}: {part.role} text at {part.span} is not its input "
                            "with its edits replayed")
        elif undo(part.text, part.span, edits) != page.text[start:end]:
            problems.append(f"{page.id}: undoing the edits of {part.role} at {part.span} does "
                            "not give the input back")
        covered[start:end] = b"\x01" * (end - start)
    for article in page.articles:
        for part in article.parts():
            if not article.span[0] <= part.span[0] <= part.span[1] <= article.span[1]:
                problems.append(f"{article.id}: {part.role} at {part.span} is outside the article")
        problems += _check_mentions(article)
    lost = [i for i, ch in enumerate(page.text) if not ch.isspace() and not covered[i]]
    if lost:
        problems.append(f"{page.id}: {len(lost)} characters in no part, first at {lost[0]}")
    return problems


def _check_mentions(article: Article) -> list[str]:
    """Every entity and fact is its part's repaired text at its offsets, and its input span
    lies in that part."""
    problems = []
    parts = article.parts()
    for mention in [*article.entities, *article.facts]:
        if not 0 <= mention.part < len(parts):
            problems.append(f"{article.id}: “{mention.text}” names no part ({mention.part})")
            continue
        part = parts[mention.part]
        start, end = mention.offsets
        if part.text[start:end] != mention.text:
            problems.append(f"{article.id}: “{mention.text}” is not its part's text at {start}")
        if not part.span[0] <= mention.span[0] <= mention.span[1] <= part.span[1]:
            problems.append(f"{article.id}: “{mention.text}” at {mention.span} is outside its part")
    return problems
