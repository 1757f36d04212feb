"""Rules that repair characters inside one line of text. Each takes the line's input text and
where it starts on the page, and returns edits with page spans; none reads another's output."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from ..lexicon import lexicon
from ..model import Edit

CharacterRule = Callable[[str, int], list[Edit]]

_HAN = "\u4e00-\u9fff"
# Characters that make a neighbour "Chinese text": han and the full-width punctuation around it.
_CHINESE = rf"[{_HAN}\u3001-\u303f\uff01-\uff0f\uff1a-\uff1f“”‘’《》…—]"
_CJK = re.compile(_CHINESE)
_HALF_WIDTH_MARK = re.compile(r"[,:;!?]")
_URL_OR_EMAIL = re.compile(r"(?:https?://|www\.)[!-~]*[A-Za-z0-9/]|[\w.+-]+@[\w-]+\.[\w.-]*[A-Za-z]")
_FULL_WIDTH = dict(zip(",:;!?()", "，：；！？（）"))


def _edit(rule: str, before: str, after: str, start: int, confidence: float) -> Edit:
    return Edit(rule=rule, before=before, after=after, span=(start, start + len(before)),
                confidence=confidence)


def _protected(text: str) -> set[int]:
    """Positions inside URLs and e-mail addresses, which keep their characters as they are."""
    if "@" not in text and "www." not in text and "://" not in text:
        return set()  # the common case, told without running the pattern
    return {i for m in _URL_OR_EMAIL.finditer(text) for i in range(*m.span())}


def _neighbour(text: str, i: int, step: int) -> str:
    """The nearest character to ``i`` in direction ``step`` that is not a space, or ''."""
    j = i + step
    while 0 <= j < len(text) and text[j] in " \u3000":
        j += step
    return text[j] if 0 <= j < len(text) else ""


def punctuation_width(text: str, start: int) -> list[Edit]:
    """Half-width , : ; ! ? ( ) in Chinese text become full-width; numbers (1,000 and 3:2),
    Latin text, URLs and e-mail addresses keep theirs."""
    # A mark is in Chinese text when the nearest character before or after it, spaces not
    # counting, is Chinese: never so in a number's 1,000 or 3:2, which has digits on both sides.
    # Found mark by mark, not by one pattern with look-arounds, which tries every character.
    marks = [m.start() for m in _HALF_WIDTH_MARK.finditer(text)
             if _CJK.match(_neighbour(text, m.start(), -1))
             or _CJK.match(_neighbour(text, m.start(), 1))]
    if "(" in text or ")" in text:
        marks = sorted(marks + [i for i, ch in enumerate(text)
                                if ch in "()" and _paren_is_chinese(text, i)])
    protected = _protected(text)
    # Edit() directly, not _edit(): a page of half-width commas makes hundreds of these.
    return [Edit(rule="punctuation-width", before=text[i], after=_FULL_WIDTH[text[i]],
                 span=(start + i, start + i + 1), confidence=0.95)
            for i in marks if i not in protected]


def _paren_is_chinese(text: str, i: int) -> bool:
    """A bracket is Chinese when what it encloses holds han or it stands beside han."""
    if text[i] == "(":
        close = text.find(")", i)
        inner = text[i + 1:close] if close > 0 else text[i + 1:i + 2]
        outside = _neighbour(text, i, -1)
    else:
        open_ = text.rfind("(", 0, i)
        inner = text[open_ + 1:i] if open_ >= 0 else text[i - 1:i]
        outside = _neighbour(text, i, 1)
    return bool(re.search(f"[{_HAN}]", inner) or _CJK.match(outside))


_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉₊₋", "0123456789+-")
_SUPERSCRIPTS = str.maketrans("0123456789+-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻")
_LATEX_WORDS = {r"\%": "%", r"\times": "×", r"\cdot": "·", r"\circ": "°", r"\sim": "～",
                r"\pm": "±", r"\leq": "≤", r"\geq": "≥", r"\le": "≤", r"\ge": "≥"}
_LATEX = re.compile(
    r"\$(?P<math>[^$\n]{1,80})\$"            # inline math: $\mathrm{PM}_{2.5}$
    r"|(?P<sub>_\{(?P<sub_inner>[^{}]{1,12})\}|_(?P<sub_char>[0-9A-Za-z]))"
    r"|(?P<sup>\^\{(?P<sup_inner>[^{}]{1,12})\}|\^(?P<sup_char>[0-9]))"
    r"|(?P<bold>\*\*(?P<bold_inner>[^*\n]{1,80})\*\*)"
    r"|(?P<subscripts>[₀-₉₊₋]+)"
)
_MARKUP_CHARACTER = re.compile(r"[$_^*₀-₉₊₋]")  # one of these starts every markup _LATEX reads
_COMMAND = re.compile(r"\\(?:mathrm|text|mathbf|rm)\{([^{}]*)\}|\\[a-z]+|[{}]")


def ocr_markup(text: str, start: int) -> list[Edit]:
    """LaTeX and markdown that an OCR model wrote, and Unicode subscripts, as plain text:
    PM_{2.5} and PM₁₀ become PM2.5 and PM10. Exponents become Unicode superscripts (m^{2}
    → m²), the one form the archive keeps for them."""
    if not _MARKUP_CHARACTER.search(text):
        return []
    edits = []
    for m in _LATEX.finditer(text):
        plain = _plain(m)
        if plain != m.group():
            edits.append(_edit("ocr-markup", m.group(), plain, start + m.start(), 0.95))
    return edits


def _plain(m: re.Match[str]) -> str:
    if m["math"] is not None:
        return _plain_math(m["math"])
    if m["sub"] is not None:
        return m["sub_inner"] if m["sub_inner"] is not None else m["sub_char"]
    if m["sup"] is not None:
        return _superscript(m["sup_inner"] if m["sup_inner"] is not None else m["sup_char"])
    if m["bold"] is not None:
        return m["bold_inner"]
    return m["subscripts"].translate(_SUBSCRIPTS)


def _plain_math(math: str) -> str:
    out = math
    for command, symbol in _LATEX_WORDS.items():
        out = out.replace(command, symbol)
    out = _LATEX.sub(_plain, out)
    return _COMMAND.sub(lambda c: c.group(1) or "", out).replace(" ", "")


def _superscript(exponent: str) -> str:
    exponent = exponent.strip()
    if all(ch in "0123456789+-" for ch in exponent):
        return exponent.translate(_SUPERSCRIPTS)
    return "^" + exponent  # an exponent Unicode cannot write keeps its caret


_FULL_WIDTH_ALNUM = re.compile(r"[０-９Ａ-Ｚａ-ｚ]+(?:[．][０-９]+)?")


def full_width_letters(text: str, start: int) -> list[Edit]:
    """Full-width Latin letters and digits (ＰＭ２．５) become half-width (PM2.5)."""
    return [_edit("full-width-letters", m.group(), _half_width(m.group()), start + m.start(), 0.99)
            for m in _FULL_WIDTH_ALNUM.finditer(text)]


def _half_width(text: str) -> str:
    return "".join(chr(ord(ch) - 0xFEE0) for ch in text)


_SPACE_AFTER_PUNCTUATION = re.compile(rf"(?<=[，。、；：！？”])[ \u3000](?=[{_HAN}“])")
_SPACE_IN_WORD = re.compile(rf"(?<=[{_HAN}])[ \u3000](?=[{_HAN}])")
_TITLE_MARKS = re.compile(r"“[^“”]*”|《[^《》]*》")
_PROSE = re.compile(r"[，。,]")
_WORD_FREQUENCY = 100  # how common a word must be for a space inside it to count as an error


def spurious_spaces(text: str, start: int) -> list[Edit]:
    """A single space after Chinese punctuation, or one that splits a word (建 立), is an OCR
    artefact in body text. Spaces between phrases stay: in quoted and book titles (“读原著
    悟初心”) and in headlines, where this rule does not run."""
    if (" " not in text and "\u3000" not in text) or not _PROSE.search(text):
        return []  # a short label (南 昌, 考 核) spaces its characters on purpose
    titles = {i for m in _TITLE_MARKS.finditer(text) for i in range(*m.span())}
    found = list(_SPACE_AFTER_PUNCTUATION.finditer(text))
    found += [m for m in _SPACE_IN_WORD.finditer(text)
              if m.start() not in titles and _splits_word(text, m.start())]
    return [_edit("spurious-space", m.group(), "", start + m.start(), 0.9)
            for m in sorted(found, key=lambda m: m.start())]


def _splits_word(text: str, gap: int) -> bool:
    model = lexicon()
    return any(model.frequency(text[gap - left:gap] + text[gap + 1:gap + 1 + right])
               >= _WORD_FREQUENCY for left, right in ((1, 1), (2, 1), (1, 2)))


# Every place a run of two to four han characters repeats at once; the look-ahead finds the
# overlapping ones too (要重要重 hides 重要重要).
_DOUBLED = re.compile(rf"(?=(?P<word>[{_HAN}]{{2,4}})(?P=word))")
# Parts of speech (jieba's tags) of words that Chinese does not say twice in a row: nouns,
# adjectives, adverbs. Verbs (研究研究, 洽谈洽谈), numerals and measure words (一步一步),
# onomatopoeia and state words (通红通红) reduplicate.
_NOT_REDUPLICATED = frozenset({"n", "nz", "nt", "ns", "nr", "nrt", "a", "ad", "an"})
# What may follow a rhetorical repetition (干部干部，首先…; 精准精准再精准), a reduplication
# (火红火红的), or a unit and the title of its head (大队大队长).
_AFTER_REPETITION = "的地得着了再又也长"
_INTENSIFIERS = "一整很太好老阿"


def doubled_word(text: str, start: int) -> list[Edit]:
    """A word the OCR read twice (近期重要重要讲话) loses its second copy where saying it
    twice is not Chinese; the rest is `flags.possible_reduplication`'s to report."""
    return [_edit("doubled-word", word, "", start + at + len(word), 0.8)
            for at, word in doublings(text) if doubling(text, at, word) == "error"]


@lru_cache(maxsize=8)  # the rule that removes doublings and the one that flags them share it
def doublings(text: str) -> tuple[tuple[int, str], ...]:
    """Where a run of characters repeats at once: (position, run), overlapping ones too."""
    return tuple((m.start(), m["word"]) for m in _DOUBLED.finditer(text))


def doubling(text: str, at: int, word: str) -> str | None:
    """``error`` for a doubled word that cannot be meant, ``possible`` for a doubled verb,
    which may be a reduplication (研究研究), None for anything else."""
    part_of_speech = lexicon().part_of_speech(word) or ""
    after = text[at + 2 * len(word):at + 2 * len(word) + 1]
    rhetorical = not after or after in _AFTER_REPETITION or not re.match(f"[{_HAN}]", after)
    if part_of_speech in _NOT_REDUPLICATED and not rhetorical and word[0] not in _INTENSIFIERS:
        verdict = "error"
    elif part_of_speech.startswith("v"):
        verdict = "possible"
    else:
        return None
    return verdict if _whole_words(text, at, word) else None  # the costly test last


def _whole_words(text: str, at: int, word: str) -> bool:
    """Whether the first copy is a word of its own in the likelier reading of the text: in
    迎来越来越多 the repeated 来越 is no word. (The second copy may start a longer word, as
    重要 does in 重要讲话.)"""
    model = lexicon()
    left = text[max(0, at - 2):at]
    rest = text[at + len(word):at + 2 * len(word) + 2]
    split = model.log_probability(left) + model.log_probability(word) + model.log_probability(rest)
    return split >= model.log_probability(left + word + rest) - 1e-9
