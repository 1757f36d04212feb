"""What the line tagger sees of a line and its neighbours.

Mostly the shape of the text counts — length, the first and last characters' classes, bracket
and dateline patterns, how much text lies between heading-like lines — and of words only what a
dictionary says (whether one runs across a line end) and whether the text around a line shares
them, never which words they are, so that the model carries over to papers it never saw.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re

from ..lexicon import in_one_word, lexicon
from .lines import Line
from .patterns import PICTURE, match_byline_line, match_closing, match_credit, match_dateline

_LENGTH_BUCKETS = (2, 4, 6, 8, 10, 12, 14, 16, 20, 25, 30, 40, 60, 100, 200)
_END_CLASSES = {
    **dict.fromkeys("。．", "stop"),
    **dict.fromkeys("！？!?", "excl"),
    **dict.fromkeys("…", "ellipsis"),
    **dict.fromkeys("”」』’\"", "quote"),
    **dict.fromkeys("）)】", "paren"),
    **dict.fromkeys("—-－~～", "dash"),
    **dict.fromkeys("：:", "colon"),
    **dict.fromkeys("，,、", "comma"),
    **dict.fromkeys("；;", "semicolon"),
    **dict.fromkeys("》", "book"),
    **dict.fromkeys("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳", "circled"),
}
_START_CLASSES = {
    **dict.fromkeys("“「『‘\"", "quote"),
    **dict.fromkeys("（(【[", "paren"),
    **dict.fromkeys("■●◆▲□○◇△★☆·•", "bullet"),
    **dict.fromkeys("《", "book"),
}
_ENUMERATED = re.compile(r"^(?:[（(]?[一二三四五六七八九十]{1,3}[）)、．.]|\d{1,2}[、.．]|[①-⑳])")
_SPEAKER = re.compile(r"^[\u4e00-\u9fff·]{2,12}[：:]")
_INNER_SPACE = re.compile(r"\S[ \u3000]+\S")
_TRAILING_BRACKET = re.compile(r"[（(][^（）()]*[）)]$")


def char_class(ch: str) -> str:
    if ch.isdigit():
        return "digit"
    if ch.isascii() and ch.isalpha():
        return "latin"
    if "\u4e00" <= ch <= "\u9fff":
        return "han"
    return "other"


def end_class(text: str) -> str:
    """How a line ends: ``stop`` (。), ``excl``, ``quote``, ``dash``, ``han``, ``digit`` …"""
    return _END_CLASSES.get(text[-1]) or char_class(text[-1])


def _bucket(n: int) -> int:
    for b in _LENGTH_BUCKETS:
        if n <= b:
            return b
    return 999


def heading_length(text: str) -> int:
    """The line's length, leaving out a series name in brackets after a headline
    (…（守初心 担使命 找差距 抓落实）)."""
    return len(_TRAILING_BRACKET.sub("", text)) or len(text)


def line_shape(text: str) -> tuple[str, ...]:
    """Shape features of one line on its own."""
    n = heading_length(text)
    end = end_class(text)
    if text.startswith("——") or text.startswith("--"):
        start = "dashes"
    else:
        start = _START_CLASSES.get(text[0]) or char_class(text[0])
    shape = [f"len={_bucket(n)}", f"end={end}", f"start={start}", f"len,end={_bucket(n)},{end}"]
    inner = text[:-1]
    if "。" in inner or "．" in inner:
        shape.append("inner-stop")
    commas = inner.count("，") + inner.count(",")
    shape.append(f"commas={min(commas, 3)}")
    if _INNER_SPACE.search(text):
        shape.append("inner-space")
    if "·" in text or "•" in text:
        shape.append("middot")
    if text.endswith("——") or text.endswith("--"):
        shape.append("ends-dashes")
    if n <= 45:
        # Short lines' edges carry the words that mark a kicker (…强调, …会见) or a speaker.
        shape += [f"last1={text[-1]}", f"last2={text[-2:]}", f"first1={text[0]}"]
    if _ENUMERATED.match(text):
        shape.append("enumerated")
    if _SPEAKER.match(text):
        shape.append("speaker")
    if PICTURE.match(text):
        shape.append("picture")
    if match_credit(text):
        shape.append("credit")
    elif match_dateline(text):
        shape.append("dateline")
    elif match_byline_line(text):
        shape.append("byline")
    elif match_closing(text):
        shape.append("closing")
    return tuple(shape)


_CONTEXT_KEYS = ("len=", "end=", "start=", "credit", "dateline", "byline", "closing", "inner-stop",
                 "last1=")


def page_features(lines: list[Line]) -> list[list[str]]:
    """For each line, its own shape, a summary of its neighbours' shapes and, for a line that
    could be a heading, how well the text before it and the text after it hang together."""
    shapes = [line_shape(line.text) for line in lines]
    heading_like = [_heading_like(line.text, shape) for line, shape in zip(lines, shapes)]
    cohesion = _cohesion(lines, heading_like)
    parallel = _parallel(lines, heading_like)
    runs = _runs(heading_like)
    gaps = _gaps(lines, heading_like)
    across = [_word_across(a.text, b.text) for a, b in zip(lines, lines[1:])]
    brief = [tuple(f for f in s if f.startswith(_CONTEXT_KEYS)) for s in shapes]
    n = len(lines)
    features = []
    for i, shape in enumerate(shapes):
        f = ["bias", *shape]
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < n:
                f.extend(f"{offset}:{x}" for x in brief[j])
            else:
                f.append(f"{offset}:none")
        if i + 1 < n and lines[i].text[-1] == lines[i + 1].text[0]:
            f.append("same-char-as-next")  # a column break that read its boundary twice
        if i and lines[i - 1].text[-1] == lines[i].text[0]:
            f.append("same-char-as-previous")
        if i + 1 < n:
            f.append("shorter-than-next" if len(lines[i].text) < len(lines[i + 1].text)
                     else "not-shorter-than-next")
            if across[i]:
                f.append("word-across-next")  # a column break cut this line off the next
        if i and across[i - 1]:
            f.append("word-across-previous")
        f.extend(cohesion[i])
        if parallel[i]:
            f.append(f"parallel={min(parallel[i], 3)}")
        f.extend(_run_features(i, runs, heading_like, shapes))
        if heading_like[i]:
            f += [f"gap-before={gaps[i][0]}", f"gap-after={gaps[i][1]}",
                  f"gaps={gaps[i][0]},{gaps[i][1]}"]
        features.append(f)
    return features


_WINDOW = 300  # characters of text on either side of a heading candidate
_ACROSS = 4  # characters on either side of a line end that the word model reads
_GAP_BUCKETS = (0, 100, 300, 600, 1000, 1600, 2500)  # characters between heading-like lines
_SIMILARITY_BUCKETS = (0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.45)


_NOT_HAN = re.compile(r"[^\u4e00-\u9fff]+")


def _similarity_bucket(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return -1
    overlap = len(a & b) / min(len(a), len(b))
    for bucket in _SIMILARITY_BUCKETS:
        if overlap <= bucket:
            return bucket
    return 1.0


def _bigrams(text: str) -> set[str]:
    han = _NOT_HAN.sub("", text)
    return set(map(operator.add, han, han[1:]))


class _HanBigrams:
    """The bigrams of the han characters of a text, any window of it taken in one slice."""

    def __init__(self, text: str):
        # Positions map to han counts line by line: a regex call a line, not a step a character.
        self.lines = text.split("\n")
        self.line_starts = list(itertools.accumulate((len(t) + 1 for t in self.lines), initial=0))
        han_lines = [_NOT_HAN.sub("", t) for t in self.lines]
        self.han_starts = list(itertools.accumulate(map(len, han_lines), initial=0))
        han = "".join(han_lines)
        self.grams = list(map(operator.add, han, han[1:]))

    def _han_before(self, position: int) -> int:
        """How many han characters text[:position] holds."""
        k = bisect.bisect_right(self.line_starts, position) - 1
        inside = self.lines[k][:position - self.line_starts[k]]
        return self.han_starts[k] + len(_NOT_HAN.sub("", inside))

    def window(self, start: int, end: int) -> set[str]:
        first, last = self._han_before(start), self._han_before(end)
        return set(self.grams[first:max(first, last - 1)])


def _cohesion(lines: list[Line], heading_like: list[bool]) -> list[list[str]]:
    """Lexical cohesion in the manner of TextTiling: a new article changes the vocabulary,
    an in-article subheading does not."""
    joined = "\n".join(line.text for line in lines)
    bigrams = _HanBigrams(joined)
    out: list[list[str]] = [[] for _ in lines]
    position = 0
    for i, line in enumerate(lines):
        start, end = position, position + len(line.text)
        position = end + 1
        if not heading_like[i]:
            continue
        before = bigrams.window(max(0, start - _WINDOW), start)
        after = bigrams.window(end, min(len(joined), end + _WINDOW))
        own = _bigrams(line.text)
        out[i] = [
            f"cohesion={_similarity_bucket(before, after)}",
            f"own-after={_similarity_bucket(own, after)}",
            f"own-before={_similarity_bucket(own, before)}",
        ]
    return out


def _parallel(lines: list[Line], heading_like: list[bool]) -> list[int]:
    """How many other heading-like lines of the page look like this one: about as long, and
    sharing the first or last character or a bigram. An article's subheadings come in such
    sets (大山的渴望, 大山的召唤 …); the headlines of different articles rarely do."""
    candidates = [i for i, h in enumerate(heading_like) if h]
    grams = {i: _bigrams(lines[i].text) for i in candidates}
    counts = [0] * len(lines)
    for a, i in enumerate(candidates):
        s = lines[i].text
        for j in candidates[a + 1:]:
            t = lines[j].text
            if abs(len(s) - len(t)) <= 1 and (s[0] == t[0] or s[-1] == t[-1] or grams[i] & grams[j]):
                counts[i] += 1
                counts[j] += 1
    return counts


def _heading_like(text: str, shape: tuple[str, ...]) -> bool:
    """Could be printed as a heading: short, and not ending like a sentence of body text."""
    if heading_length(text) > 45 or "inner-stop" in shape or not _ATTRIBUTION.isdisjoint(shape):
        return False
    return text[-1] not in "。，,；;：:、" or text.endswith(("——", "--"))


_ATTRIBUTION = frozenset(("credit", "dateline", "byline", "closing"))


def _runs(heading_like: list[bool]) -> list[tuple[int, int]]:
    """For each line, (length of its run of heading-like lines, its position in the run)."""
    out = [(0, 0)] * len(heading_like)
    i = 0
    while i < len(heading_like):
        if not heading_like[i]:
            i += 1
            continue
        j = i
        while j < len(heading_like) and heading_like[j]:
            j += 1
        for k in range(i, j):
            out[k] = (j - i, k - i)
        i = j
    return out


def _run_features(i: int, runs: list[tuple[int, int]], heading_like: list[bool],
                  shapes: list[tuple[str, ...]]) -> list[str]:
    n = len(runs)
    window = "".join(
        "h" if 0 <= j < n and heading_like[j] else ("-" if 0 <= j < n else "|")
        for j in range(i - 2, i + 3)
    )
    run_length, position = runs[i]
    # Long runs are verse or lists, not headings: past five lines, place in the run says nothing.
    place = f"{min(run_length, 5)},{min(position, 4)},{min(run_length - position - 1, 4)}"
    f = [f"hl-window={window}", f"run={place}"]
    if run_length:
        start, end = i - position, i - position + run_length
        before = shapes[start - 1] if start > 0 else ("page-start",)
        after = shapes[end] if end < n else ("page-end",)
        f += [f"run-before:{x}" for x in before if x.startswith(("end=", "closing", "credit",
                                                                 "page-start", "byline"))]
        f += [f"run-after:{x}" for x in after if x.startswith(("dateline", "start=", "len=",
                                                               "byline", "page-end"))]
        own_end = next(x for x in shapes[i] if x.startswith("end="))
        f.append(f"run={place},{own_end}")
    return f


def _word_across(left: str, right: str) -> bool:
    """Whether the likeliest split of the text read on from ``left`` into ``right`` has a word
    across the line end: the two were one paragraph cut by a break."""
    if not char_class(left[-1]) == char_class(right[0]) == "han":
        return False
    before = left[-_ACROSS:]
    return in_one_word(lexicon().split(before + right[:_ACROSS]), len(before) - 1, len(before) + 1)


def _gaps(lines: list[Line], heading_like: list[bool]) -> list[tuple[int, int]]:
    """For each line, how many characters of other lines lie between it and the heading-like
    line before it and after it (bucketed): subheadings come at intervals inside a long text."""
    def bucket(n: int) -> int:
        return next((b for b in _GAP_BUCKETS if n <= b), 9999)

    def sweep(order):
        out, since = {}, 10 ** 6
        for i in order:
            out[i] = bucket(since)
            since = 0 if heading_like[i] else since + len(lines[i].text)
        return out

    before, after = sweep(range(len(lines))), sweep(reversed(range(len(lines))))
    return [(before[i], after[i]) for i in range(len(lines))]
