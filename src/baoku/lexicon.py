"""Word frequencies and parts of speech from jieba's dictionary (its pip package ships it).

Loaded once, on first use: about half a second and 60 MB. The repair rules ask it which of two
readings is better Chinese; extraction asks it what a word is.
"""

from __future__ import annotations

import math
from functools import cache
from importlib import resources

_LONGEST_WORD = 6  # longer dictionary entries are idioms and names that a window never needs


class Lexicon:
    def __init__(self, entries: dict[str, tuple[str, str]]):
        self._entries = entries  # word → (frequency, part of speech), as the file spells them
        self._log_total = math.log(sum(int(freq) for freq, _ in entries.values()))

    def frequency(self, word: str) -> int:
        entry = self._entries.get(word)
        return int(entry[0]) if entry else 0

    def part_of_speech(self, word: str) -> str | None:
        """jieba's tag: ``n`` noun, ``v`` verb, ``vn`` verbal noun, ``a`` adjective, ``m``
        numeral …; None for a word it does not know."""
        entry = self._entries.get(word)
        return entry[1] if entry else None

    def log_probability(self, text: str) -> float:
        """Log probability of the text's likeliest split into dictionary words (a unigram model,
        as jieba's own segmenter uses); an unknown character counts as a word seen once."""
        return self._best_split(text)[0]

    def split(self, text: str) -> list[str]:
        """The text's likeliest split into words."""
        return self._best_split(text)[1]

    def _best_split(self, text: str) -> tuple[float, list[str]]:
        best = [0.0] + [-math.inf] * len(text)
        start_of = [0] * (len(text) + 1)
        for end in range(1, len(text) + 1):
            for start in range(max(0, end - _LONGEST_WORD), end):
                frequency = self.frequency(text[start:end]) or (1 if end - start == 1 else 0)
                score = best[start] + math.log(frequency) - self._log_total if frequency else -math.inf
                if score > best[end]:
                    best[end], start_of[end] = score, start
        words, end = [], len(text)
        while end > 0:
            words.append(text[start_of[end]:end])
            end = start_of[end]
        return best[-1], words[::-1]


@cache
def lexicon() -> Lexicon:
    text = (resources.files("jieba") / "dict.txt").read_text(encoding="utf-8")
    fields = text.split()
    return Lexicon(dict(zip(fields[0::3], zip(fields[1::3], fields[2::3]))))
