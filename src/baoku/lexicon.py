"""Word frequencies and parts of speech from jieba's dictionary (its pip package ships it).

Loaded once a process, on first use, and 100 MB: made from the dictionary the first time (over
a second), then read from a cache of it (a third of a second). The repair rules ask it which of
two readings is better Chinese, and what part of speech a word read twice is; the line tagger,
how telling the words around a heading candidate are.
"""

from __future__ import annotations

import hashlib
import marshal
import math
import os
import re
import sys
from functools import cache
from importlib.util import find_spec
from pathlib import Path

import numpy as np

_LONGEST_WORD = 6  # longer dictionary entries are idioms and names that a window never needs
_NO_WORD = object()  # what the costs give for text that begins no word
_HAN = re.compile(r"[\u4e00-\u9fff]+")


class Lexicon:
    def __init__(self, log_frequencies: dict[str, float | None], total: int,
                 parts_of_speech: dict[str, str], two_character_words: tuple[bytes, bytes]):
        # The log frequency of each word a split can use; None for a beginning of words that is
        # none itself, so that a split stops reading on as soon as no word can come of it.
        self._log_frequencies = log_frequencies
        self._log_total = math.log(total)
        self._parts_of_speech = parts_of_speech
        codes, surprisals = two_character_words
        self._pair_codes = np.frombuffer(codes, dtype=np.int64)
        self._pair_surprisals = np.frombuffer(surprisals, dtype=np.float64)

    def frequency(self, word: str) -> int:
        """How often the dictionary saw a word of up to six characters (0 for longer ones)."""
        log_frequency = self._log_frequencies.get(word)
        return round(math.exp(log_frequency)) if log_frequency is not None else 0

    def pair_surprisals(self, pairs: np.ndarray) -> np.ndarray:
        """For pairs of han characters, coded ``ord(first) << 21 | ord(second)``, minus the log
        probability of the two-character word each spells: how telling it is where it occurs
        (发展 6.8, 的确 10.2, 候鸟 13.3); 0 where the pair spells no word of the dictionary."""
        codes = self._pair_codes
        found = np.searchsorted(codes, pairs).clip(max=len(codes) - 1)
        return np.where(codes[found] == pairs, self._pair_surprisals[found], 0.0)

    def part_of_speech(self, word: str) -> str | None:
        """jieba's tag: ``n`` noun, ``v`` verb, ``vn`` verbal noun, ``a`` adjective, ``m``
        numeral …; None for a word it does not know."""
        return self._parts_of_speech.get(word)

    def log_probability(self, text: str) -> float:
        """Log probability of the text's likeliest split into dictionary words (a unigram model,
        as jieba's own segmenter uses); an unknown character counts as a word seen once."""
        return self.reading(text)[0]

    def split(self, text: str) -> list[str]:
        """The text's likeliest split into words."""
        return self.reading(text)[1]

    def reading(self, text: str) -> tuple[float, list[str]]:
        """The log probability of the text's likeliest split, and the split: both for the price
        of one."""
        # A word's cost is its log probability, log frequency - log total; an unknown
        # character counts as seen once, at cost -log total.
        n, known, per_word = len(text), self._log_frequencies, self._log_total
        best = [0.0] + [-math.inf] * n
        start_of = list(range(-1, n))  # each character a word of its own, known or not
        for begin in range(n):
            score = best[begin] + (known.get(text[begin]) or 0.0) - per_word
            if score > best[begin + 1]:
                best[begin + 1], start_of[begin + 1] = score, begin
            for end in range(begin + 2, min(n, begin + _LONGEST_WORD) + 1):
                log_frequency = known.get(text[begin:end], _NO_WORD)
                if log_frequency is _NO_WORD:
                    break
                if log_frequency is not None and best[begin] + log_frequency - per_word > best[end]:
                    best[end], start_of[end] = best[begin] + log_frequency - per_word, begin
        words, end = [], n
        while end > 0:
            words.append(text[start_of[end]:end])
            end = start_of[end]
        return best[-1], words[::-1]


def in_one_word(words: list[str], start: int, end: int) -> bool:
    """Whether one word of a split holds all the characters from ``start`` to ``end`` of the
    text it splits: a word across a line end, a doubled character read as one word (好好学习)."""
    position = 0
    for word in words:
        if position <= start and end <= position + len(word):
            return True
        position += len(word)
    return False


def _jieba_dictionary() -> Path:
    """jieba's dict.txt, found without importing jieba, which would load its own models."""
    return Path(find_spec("jieba").submodule_search_locations[0]) / "dict.txt"


@cache
def lexicon() -> Lexicon:
    """The lexicon, read from its cache, or made from jieba's dictionary and cached for the
    next process: every command and every ingest worker starts by loading it. The cache is
    kept under $XDG_CACHE_HOME (or ~/.cache) in baoku/."""
    cache = _cache_file()
    try:
        return Lexicon(*marshal.loads(cache.read_bytes()))
    except (OSError, EOFError, ValueError, TypeError):  # none yet, or unreadable: make it again
        tables = _read_dictionary()
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        written = cache.with_suffix(f".{os.getpid()}.tmp")
        written.write_bytes(marshal.dumps(tables))
        os.replace(written, cache)  # whole or not at all, for processes reading it meanwhile
    except OSError:
        pass  # a read-only home: the next process makes it again
    return Lexicon(*tables)


def _cache_file() -> Path:
    """Where the lexicon made from this jieba dictionary is kept. The name changes with the
    dictionary file, the Python version (marshal's format) and the format of the tables."""
    dictionary = _jieba_dictionary()
    stat = dictionary.stat()
    key = hashlib.sha256(repr((str(dictionary), stat.st_size, stat.st_mtime_ns, _LONGEST_WORD,
                               _CACHE_FORMAT, sys.version_info[:2])).encode()).hexdigest()[:16]
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "baoku" / f"lexicon-{key}.marshal"


_CACHE_FORMAT = 2  # raise when _read_dictionary's tables change


def _read_dictionary() -> tuple[dict[str, float | None], int, dict[str, str], tuple[bytes, bytes]]:
    """Lexicon's tables from jieba's dictionary: log frequencies (None for prefixes of words),
    the total count, parts of speech, and `_two_character_words`."""
    log_frequencies: dict[str, float | None] = {}
    parts_of_speech: dict[str, str] = {}
    total = 0
    with _jieba_dictionary().open(encoding="utf-8") as file:
        # A megabyte of lines at a time, split at once: twice as fast as line by line, and
        # the whole file split at once would double the peak memory.
        while lines := file.readlines(1 << 20):
            fields = "".join(lines).split()  # word, frequency, tag
            words, frequencies = fields[0::3], list(map(int, fields[1::3]))
            parts_of_speech.update(zip(words, map(sys.intern, fields[2::3])))  # a few dozen tags
            total += sum(frequencies)
            for word, frequency in zip(words, frequencies):
                if len(word) <= _LONGEST_WORD:
                    for end in range(1, len(word)):
                        log_frequencies.setdefault(word[:end], None)
                    if frequency:
                        log_frequencies[word] = math.log(frequency)
    return (log_frequencies, total, parts_of_speech,
            _two_character_words(log_frequencies, total))


def _two_character_words(log_frequencies: dict[str, float | None], total: int,
                         ) -> tuple[bytes, bytes]:
    """The codes of the dictionary's two-character han words, sorted, and their surprisals
    (int64 and float64 bytes): a page's pairs are looked up at once in numpy, and the cache
    keeps them ready, a tenth of a second or two less for each process."""
    words = [w for w, log in log_frequencies.items()
             if len(w) == 2 and log is not None and _HAN.fullmatch(w)]
    codes = np.fromiter((ord(w[0]) << 21 | ord(w[1]) for w in words), np.int64, len(words))
    logs = np.fromiter(map(log_frequencies.__getitem__, words), np.float64, len(words))
    order = np.argsort(codes)
    return codes[order].tobytes(), (math.log(total) - logs[order]).tobytes()
