"""The library's front door: text or files in, a `Document` out.

Stages after segmentation are registered by name (as spaCy registers pipeline components), each
declaring what it needs and what it gives (as OCR-D processors do), and can be run alone on a
parsed document.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import ids
from .extract import extract_document
from .model import Document, Page
from .read import parse_file_name, read_text, split_pages
from .repair import repair_document
from .segment import segment_page
from .segment.tagger import Tagger


@dataclass(frozen=True)
class Stage:
    name: str
    needs: str
    gives: str
    run: Callable[[Document], Document]


STAGES: dict[str, Stage] = {
    "repair": Stage("repair", needs="articles whose parts hold the input text",
                    gives="column breaks joined, characters repaired as edits, doubts as flags",
                    run=repair_document),
    "extract": Stage("extract", needs="articles, repaired or as read",
                     gives="entities (people with titles, places, organizations, dates, terms), "
                           "numeric facts, term counts", run=extract_document),
}
DEFAULT_STAGES = ("repair", "extract")


def parse_text(text: str, *, source: str | None = None, paper: str | None = None,
               date: str | None = None, page: int | None = None,
               stages: Sequence[str] = DEFAULT_STAGES, tagger: Tagger | None = None) -> Document:
    """Parse a file's input text: its pages, each split into articles, then the ``stages``.

    ``page`` is the number of the first page; the pages after it count up. Without it, page
    numbers stay null and ids number the pages by their place in the text. ``tagger``
    replaces the shipped line tagger (to score one trained on other pages).
    """
    pages = []
    for index, page_text in enumerate(split_pages(text)):
        number = page + index if page is not None else None
        page_id = ids.page_id(paper, date, number if number is not None else index + 1)
        articles, unassigned = segment_page(page_text.text, page_id, date, tagger)
        pages.append(Page(id=page_id, source=source, paper=paper, date=date, number=number,
                          offset=page_text.offset, text=page_text.text, articles=articles,
                          unassigned=unassigned))
    document = Document(source=source, paper=paper, date=date, pages=pages)
    for name in stages:
        document = STAGES[name].run(document)
    return document


def parse_file(path: str | Path, *, paper: str | None = None, date: str | None = None,
               page: int | None = None, stages: Sequence[str] = DEFAULT_STAGES,
               tagger: Tagger | None = None) -> Document:
    """Parse one file; paper, date and page default to what its name says.

    Raises `BaokuError` with a one-line message naming the file when it cannot be read.
    """
    named = parse_file_name(path)
    return parse_text(read_text(Path(path)), source=str(path), paper=paper or named.paper,
                      date=date or named.date, page=page if page is not None else named.page,
                      stages=stages, tagger=tagger)


def merge(documents: list[Document]) -> Document:
    """Several files' documents as one; paper and date are kept where all files agree."""
    papers = {d.paper for d in documents}
    dates = {d.date for d in documents}
    return Document(paper=papers.pop() if len(papers) == 1 else None,
                    date=dates.pop() if len(dates) == 1 else None,
                    pages=[p for d in documents for p in d.pages])
