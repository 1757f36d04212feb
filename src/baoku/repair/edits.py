"""Edits as ftfy keeps its steps: replaying them gives the output, undoing them the input.

An edit's span points into the page's input text, so edits from different rules never depend on
one another's output; where two rules want the same characters, the first one keeps them.
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Callable, Iterable
from typing import TypeVar

from ..model import Edit, Flag, Span

Spanned = TypeVar("Spanned", Edit, Flag)


def inside(edits: Iterable[Spanned], span: Span) -> list[Spanned]:
    """The edits (or flags) that fall within ``span``, in text order."""
    start, end = span
    return sorted((e for e in edits if start <= e.span[0] and e.span[1] <= end),
                  key=lambda e: e.span)


def replay(source: str, span: Span, edits: Iterable[Edit],
           mark: Callable[[Edit], str] = operator.attrgetter("after")) -> str:
    """The repaired text of ``source[span]``: its input with the edits inside it applied.
    ``mark`` writes an edit's place; by default, its replacement."""
    start, end = span
    out, position = [], start
    for edit in inside(edits, span):
        out += [source[position:edit.span[0]], mark(edit)]
        position = edit.span[1]
    out.append(source[position:end])
    return "".join(out)


def undo(repaired: str, span: Span, edits: Iterable[Edit]) -> str:
    """The input text of ``span`` given only its repaired text and the edits: the audit trail
    is complete when this gives back what the page said."""
    out, position, shift = [], 0, span[0]
    for edit in inside(edits, span):
        at = edit.span[0] - shift
        if repaired[at:at + len(edit.after)] != edit.after:
            raise ValueError(f"edit {edit.rule} at {edit.span} does not match the repaired text")
        out += [repaired[position:at], edit.before]
        position = at + len(edit.after)
        shift += len(edit.before) - len(edit.after)
    out.append(repaired[position:])
    return "".join(out)


def without_overlaps(edits: Iterable[Edit]) -> list[Edit]:
    """Keep each edit whose span overlaps none kept before it: rules earlier in the list win."""
    starts: list[int] = []
    kept: list[Edit] = []  # in text order, so that each check looks at two neighbours only
    for edit in edits:
        i = bisect.bisect_right(starts, edit.span[0])
        if (i == 0 or kept[i - 1].span[1] <= edit.span[0]) and (
                i == len(kept) or edit.span[1] <= kept[i].span[0]):
            starts.insert(i, edit.span[0])
            kept.insert(i, edit)
    return kept


def input_position(start: int, edits: list[Edit], offset: int, *, end: bool = False) -> int:
    """Where ``offset`` in the repaired text of a part that starts at ``start`` in the input
    lies in the input. A position inside an edit's replacement maps to the edit's start (or,
    for the ``end`` of a span, its end); one at a deleted stretch maps past it, or for an
    ``end``, before it. ``edits`` are the part's own, in text order."""
    shift = 0  # input length minus repaired length of the edits passed so far
    for edit in edits:
        replaced_from = edit.span[0] - start - shift
        replaced_to = replaced_from + len(edit.after)
        if offset < replaced_from or (end and offset == replaced_from):
            break
        if offset < replaced_to or (end and offset == replaced_to and edit.after):
            return edit.span[1] if end else edit.span[0]
        shift += len(edit.before) - len(edit.after)
    return start + offset + shift
