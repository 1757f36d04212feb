"""What the line tagger sees of a line and its neighbours.

Mostly the shape of the text counts — length, the first and last characters' classes, bracket
and dateline patterns, how much text lies between heading-like lines — and whether the text
around a line shares its words. Of words themselves, only those at the edges of short lines:
the function words of headings (…强调, …出席, 就…), common to the papers of a language.
"""

from __future__ import annotations

import bisect
import operator
import re
from functools import lru_cache

import numpy as np
import rjieba

from ..lexicon import in_one_word, lexicon
from .lines import Line
from .patterns import PICTURE, match_byline_line, match_closing, match_credit, match_dateline

_LENGTH_BUCKETS = (2, 4, 6, 8, 10, 12, 14, 16, 20, 25, 30, 40, 60, 100, 200)
HEADING_LIKE = "heading-like"
"""The feature of a line that could be printed as a heading (`_heading_like`); of the others,
all but a few in a thousand are body text."""
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


def bucket(n: int, bounds: tuple[int, ...] = _LENGTH_BUCKETS, past: int = 999) -> int:
    """The first of ``bounds`` (ascending) that ``n`` does not pass; ``past`` beyond them all."""
    i = bisect.bisect_left(bounds, n)
    return bounds[i] if i < len(bounds) else past


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
    shape = [f"len={bucket(n)}", f"end={end}", f"start={start}", f"len,end={bucket(n)},{end}"]
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


@lru_cache(maxsize=1 << 10)
def _brief(shape: tuple[str, ...]) -> tuple[str, ...]:
    """What a line's neighbours see of its shape."""
    return tuple(f for f in shape if f.startswith(_CONTEXT_KEYS))


@lru_cache(maxsize=1 << 10)
def _as_neighbour(offset: int, brief: tuple[str, ...]) -> tuple[str, ...]:
    # Remembered: lines share shapes across pages, and formatting each anew costs. A thousand
    # kept answer seven calls in ten for a few megabytes; sixteen thousand took ten more.
    return tuple(f"{offset}:{x}" for x in brief)


def page_features(lines: list[Line]) -> list[list[str]]:
    """For each line, its own shape, a summary of its neighbours' shapes, the words at the edges
    of a short line and, for a line that could be a heading, how well the text before it, the
    line and the text after it hang together."""
    shapes = [line_shape(line.text) for line in lines]
    heading_like = [_heading_like(line.text, shape) for line, shape in zip(lines, shapes)]
    codes, lengths = _code_points(lines)
    parallel = _parallel(lines, heading_like)
    runs = _runs(heading_like)
    heading_marks = "||" + "".join("h" if h else "-" for h in heading_like) + "||"
    gaps = _gaps(lines, heading_like)
    across = [_word_across(a.text, b.text) for a, b in zip(lines, lines[1:])]
    words = [rjieba.cut(line.text) if len(line.text) <= _SHORT else [] for line in lines]
    topics = _topic_shift(codes, lengths, heading_like)
    brief = [_brief(shape) for shape in shapes]
    n = len(lines)
    features = []
    for i, shape in enumerate(shapes):
        f = ["bias", *shape]
        for offset in (-2, -1, 1, 2):
            j = i + offset
            f.extend(_as_neighbour(offset, brief[j]) if 0 <= j < n else (f"{offset}:none",))
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
        f.extend(topics[i])
        if len(lines[i].text) <= _SHORT:
            f.extend(_edge_words(i, lines, words))
        if parallel[i]:
            f.append(f"parallel={min(parallel[i], 3)}")
        f.extend(_run_features(i, runs, heading_marks, shapes))
        if heading_like[i]:
            f += [HEADING_LIKE, f"gap-before={gaps[i][0]}", f"gap-after={gaps[i][1]}",
                  f"gaps={gaps[i][0]},{gaps[i][1]}", *_paired_lengths(i, lines, heading_like)]
        features.append(f)
    return features


_SHORT = 45  # characters: a line this short may be a heading, and the words at its edges count
_ACROSS = 4  # characters on either side of a line end that the word model reads
_GAP_BUCKETS = (0, 100, 300, 600, 1000, 1600, 2500)  # characters between heading-like lines


_NOT_HAN = re.compile(r"[^\u4e00-\u9fff]+")


def _bigrams(text: str) -> set[str]:
    han = _NOT_HAN.sub("", text)
    return set(map(operator.add, han, han[1:]))


def _code_points(lines: list[Line]) -> tuple[np.ndarray, np.ndarray]:
    """The code points of the page's lines joined by line ends, and the lines' lengths."""
    text = "\n".join(line.text for line in lines)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    return codes, np.array([len(line.text) for line in lines], dtype=np.int64)


def _ranges(low: np.ndarray, high: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every index of each range [low, high), and which range it is of, as two flat arrays."""
    counts = high - low
    owner = np.repeat(np.arange(len(low)), counts)
    return owner, np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts - low, counts)


def _buckets(values: np.ndarray, bounds: tuple[float, ...], compared: np.ndarray) -> list:
    """Each value's bucket: the first bound it does not pass, 1.0 past the last; -1 where one
    side of the comparison was empty."""
    found = np.append(bounds, 1.0)[np.searchsorted(bounds, values)]
    return [bucket if ok else -1 for bucket, ok in zip(found.tolist(), compared.tolist())]


_PAIR_LENGTHS = (6, 9, 12, 15, 18, 22, 28)  # characters, coarser than a line's own length


def _paired_lengths(i: int, lines: list[Line], heading_like: list[bool]) -> list[str]:
    """The lengths of a heading-like line and of the heading-like line next to it, together:
    how two heading lines compare helps tell kicker and headline from headline and subtitle,
    which neither length says alone. Held out, headline F1 0.8375→0.8351 (February) and
    0.8483→0.8566 (October), body similarity up 0.003 in both."""
    def coarse(j: int) -> int:
        return bucket(heading_length(lines[j].text), _PAIR_LENGTHS, past=99)

    f = []
    if i + 1 < len(lines) and heading_like[i + 1]:
        f.append(f"pair-next={coarse(i)},{coarse(i + 1)}")
    if i and heading_like[i - 1]:
        f.append(f"pair-previous={coarse(i - 1)},{coarse(i)}")
    return f


def _edge_words(i: int, lines: list[Line], words: list[list[str]]) -> list[str]:
    """The first and last words of a short line and of its short neighbours: a kicker ends in
    强调 or 指出, a subtitle names who 出席."""
    f = [f"first-word={words[i][0]}", f"last-word={words[i][-1]}"]
    for offset in (-1, 1):
        j = i + offset
        if 0 <= j < len(lines) and len(lines[j].text) <= _SHORT:
            f += [f"{offset}:last2={lines[j].text[-2:]}", f"{offset}:first-word={words[j][0]}",
                  f"{offset}:last-word={words[j][-1]}"]
    return f


_TOPIC_WINDOW = 400  # characters of whole lines on either side of a heading candidate
_COSINE_BUCKETS = (0.02, 0.05, 0.08, 0.12, 0.18, 0.25, 0.35, 0.5)


def _topic_shift(codes: np.ndarray, lengths: np.ndarray,
                 heading_like: list[bool]) -> list[list[str]]:
    """For a line that could be a heading, how alike the words before it and after it are, and
    how like each its own words are: a new article turns to other names and things, a
    subheading goes on about the same ones, in a way shared character pairs alone blur. The
    words are the dictionary's two-character words, each weighted by how telling it is (its
    surprisal), and alike is the cosine of the weighted counts."""
    n = len(lengths)
    # The page's distinct pairs are looked up, sorted: the dictionary's table is read in order.
    pairs, pair = np.unique(codes[:-1] << 21 | codes[1:], return_inverse=True)
    surprisals = lexicon().pair_surprisals(pairs)
    words = surprisals > 0
    word_of_pair = np.cumsum(words) - 1
    found = np.flatnonzero(words[pair])  # where a word begins
    word, weights = word_of_pair[pair[found]], surprisals[pair[found]]
    line_of = np.searchsorted(np.cumsum(lengths + 1), found, "right")
    first_of_line = np.searchsorted(line_of, np.arange(n + 1))  # the words of line k start here
    # Whole lines on either side, as many as it takes to hold _TOPIC_WINDOW characters.
    chars = np.concatenate(([0], np.cumsum(lengths)))
    heads = np.flatnonzero(heading_like)
    starts = np.maximum(0, np.searchsorted(chars, chars[heads] - _TOPIC_WINDOW, "right") - 1)
    ends = np.minimum(n, np.searchsorted(chars, chars[heads + 1] + _TOPIC_WINDOW, "left"))

    def vectors(first: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The summed words of lines first to end - 1, for each candidate: sparse, as sorted
        keys (candidate << 32 | word) and weights, where a dense row a candidate would take
        megabytes on a long page."""
        candidate, taken = _ranges(first_of_line[first], first_of_line[end])
        keys, summed = np.unique(candidate << 32 | word[taken], return_inverse=True)
        return keys, np.bincount(summed, weights[taken], len(keys))

    def buckets(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> list:
        (a_keys, a_weights), (b_keys, b_weights) = a, b
        _, in_a, in_b = np.intersect1d(a_keys, b_keys, assume_unique=True, return_indices=True)
        dots = np.bincount(a_keys[in_a] >> 32, a_weights[in_a] * b_weights[in_b], len(heads))
        norms = np.sqrt(np.bincount(a_keys >> 32, a_weights ** 2, len(heads))
                        * np.bincount(b_keys >> 32, b_weights ** 2, len(heads)))
        return _buckets(dots / np.where(norms > 0, norms, 1), _COSINE_BUCKETS, norms > 0)

    before, own, after = vectors(starts, heads), vectors(heads, heads + 1), vectors(heads + 1, ends)
    out: list[list[str]] = [[] for _ in heading_like]
    for i, shift, own_after, own_before in zip(
            heads.tolist(), buckets(before, after), buckets(own, after), buckets(own, before)):
        out[i] = [f"topic={shift}", f"own-topic-after={own_after}",
                  f"own-topic-before={own_before}"]
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


def _run_features(i: int, runs: list[tuple[int, int]], heading_marks: str,
                  shapes: list[tuple[str, ...]]) -> list[str]:
    """Where the line stands among heading-like lines: ``heading_marks`` marks each line ``h``
    (heading-like) or ``-``, and two ``|`` past either end of the page."""
    n = len(runs)
    window = heading_marks[i:i + 5]
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
    def sweep(order):
        out, since = {}, 10 ** 6
        for i in order:
            out[i] = bucket(since, _GAP_BUCKETS, past=9999)
            since = 0 if heading_like[i] else since + len(lines[i].text)
        return out

    before, after = sweep(range(len(lines))), sweep(reversed(range(len(lines))))
    return [(before[i], after[i]) for i in range(len(lines))]
