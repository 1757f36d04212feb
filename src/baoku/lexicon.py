"""Word frequencies and parts of speech from jieba's dictionary (its pip package ships it).

Loaded once, on first use: about a second and 80 MB. The repair rules ask it which of two
readings is better Chinese; extraction asks it what a word is.
"""

from __future__ import annotations

import math
from functools import cache
from importlib import resources

_LONGEST_WORD = 6  # longer dictionary entries are idioms and names that a window never needs
_NO_WORD = object()  # what the costs give for text that begins no word


class Lexicon:
    def __init__(self, frequencies: dict[str, int], parts_of_speech: dict[str, str]):
        self._frequencies = frequencies
        self._parts_of_speech = parts_of_speech
        log_total = math.log(sum(frequencies.values()))
        # The cost of each word a split can use; None for a beginning of words that is none
        # itself, so that a split stops reading on as soon as no word can come of it.
        short = [word for word in frequencies if len(word) <= _LONGEST_WORD]
        self._costs: dict[str, float | None] = dict.fromkeys(
            {word[:end] for word in short for end in range(1, len(word))})
        self._costs.update((word, math.log(frequencies[word]) - log_total)
                           for word in short if frequencies[word])
        self._unknown_cost = -log_total  # an unknown character counts as seen once

    def frequency(self, word: str) -> int:
        return self._frequencies.get(word, 0)

    def part_of_speech(self, word: str) -> str | None:
        """jieba's tag: ``n`` noun, ``v`` verb, ``vn`` verbal noun, ``a`` adjective, ``m``
        numeral …; None for a word it does not know."""
        return self._parts_of_speech.get(word)

    def words_from(self, text: str, begin: int) -> list[str]:
        """The dictionary words of two to six characters that ``text`` has at ``begin``,
        shortest first."""
        found = []
        for end in range(begin + 2, min(len(text), begin + _LONGEST_WORD) + 1):
            cost = self._costs.get(text[begin:end], _NO_WORD)
            if cost is _NO_WORD:
                break
            if cost is not None:
                found.append(text[begin:end])
        return found

    def log_probability(self, text: str) -> float:
        """Log probability of the text's likeliest split into dictionary words (a unigram model,
        as jieba's own segmenter uses); an unknown character counts as a word seen once."""
        return self._best_split(text)[0]

    def split(self, text: str) -> list[str]:
        """The text's likeliest split into words."""
        return self._best_split(text)[1]

    def _best_split(self, text: str) -> tuple[float, list[str]]:
        n, costs = len(text), self._costs
        best = [0.0] + [-math.inf] * n
        start_of = list(range(-1, n))  # each character a word of its own, known or not
        for begin in range(n):
            score = best[begin] + (costs.get(text[begin]) or self._unknown_cost)
            if score > best[begin + 1]:
                best[begin + 1], start_of[begin + 1] = score, begin
            # words_from's walk, inlined: this loop is the repair stage's hottest.
            for end in range(begin + 2, min(n, begin + _LONGEST_WORD) + 1):
                cost = costs.get(text[begin:end], _NO_WORD)
                if cost is _NO_WORD:
                    break
                if cost is not None and best[begin] + cost > best[end]:
                    best[end], start_of[end] = best[begin] + cost, begin
        words, end = [], n
        while end > 0:
            words.append(text[start_of[end]:end])
            end = start_of[end]
        return best[-1], words[::-1]


@cache
def lexicon() -> Lexicon:
    text = (resources.files("jieba") / "dict.txt").read_text(encoding="utf-8")
    fields = text.split()
    words = fields[0::3]
    return Lexicon(dict(zip(words, map(int, fields[1::3]))), dict(zip(words, fields[2::3])))
