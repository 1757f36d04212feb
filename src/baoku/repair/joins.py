"""Column-break joins: a paragraph that a column or page break cut mid-sentence is joined to
its continuation, and a boundary character the OCR read on both sides of the break is dropped
where the doubled reading is worse Chinese than the single one.

Whether two paragraphs are one is learned (`train_join_model`) from pages whose breaks are
known, over features of the two edges: how the first ends, how the second starts, and how much
likelier the text reads joined than apart.
"""

from __future__ import annotations

import json
import random
import re
from functools import cache
from importlib import resources

import rjieba

from ..lexicon import in_one_word, lexicon
from ..model import Edit, Part
from ..segment.features import bucket, char_class

# Where a paragraph can end: a sentence, a colon or semicolon that opens or continues a list, a
# dash that leads into what follows, a bracket. Anything else was cut by a break.
_PARAGRAPH_END = tuple("。！？!?…；;：:—)）】")
_QUOTES = "”’」』\"'"
_CONTINUING = frozenset("，,、。．；;：:！!？?”’」』）)】》%")
_PRINTED_ONCE = frozenset("，,、。．；;：:“”‘’「」『』《%·")
_SENTENCE_STOP = re.compile(r"[。！？!?]")
_JOINABLE_ROLES = ("body", "subheading")  # a fragment cut short can look like a subheading
_CONTEXT = 4  # characters on either side of a break that the language model reads
_COMMON_WORD = 1000  # dictionary frequency of a doubled character that is a word (看看 6297)
# Log-likelihood by which the doubled reading may trail the single one and still be kept:
# 一大片 beats 一一大片 by 4.9 (doubled), 好学习 beats 好好学习 by 1.9 (kept).
_DOUBLED_READS_WORSE = -4.5
_PAIRED_MARKS = (("“", "”"), ("《", "》"), ("（", "）"), ("(", ")"))
_VERSE_LINE = 16  # characters
_LENGTH_BUCKETS = (2, 4, 6, 8, 10, 12, 15, 20, 25, 30, 40, 60, 100)


def cut_mid_sentence(text: str) -> bool:
    stripped = text.rstrip(_QUOTES)
    return bool(stripped) and not stripped.endswith(_PARAGRAPH_END)


def continues(text: str) -> bool:
    """A paragraph cannot start with a mark that closes or follows something: a break cut it
    off what came before, even where that ends like a sentence (工作。 / 。如今)."""
    return text[0] in _CONTINUING


def candidate(left: Part, right: Part, page_text: str) -> bool:
    """Two paragraphs that a break may have cut apart: only white space between them, and the
    first does not end like a paragraph or the second cannot start one."""
    return (left.role in _JOINABLE_ROLES and right.role in _JOINABLE_ROLES
            and (cut_mid_sentence(left.text) or continues(right.text))
            and not page_text[left.span[1]:right.span[0]].strip())


def join_features(left: str, right: str, left_role: str, right_role: str) -> list[str]:
    inner = left[:-1]
    model = lexicon()
    left_end, right_start = left[-_CONTEXT:], right[:_CONTEXT]
    joined_probability, joined = model.reading(left_end + right_start)
    left_probability, left_words = model.reading(left_end)
    right_probability, right_words = model.reading(right_start)
    gain = max(-2, min(12, int(joined_probability - left_probability - right_probability)))
    left_length, right_length = bucket(len(left), _LENGTH_BUCKETS), bucket(len(right), _LENGTH_BUCKETS)
    features = [
        "bias", f"roles={left_role},{right_role}",
        f"left-length={left_length}", f"right-length={right_length}",
        f"left-end={_char_class(left[-1])}", f"left-first={_char_class(left[0])}",
        f"right-first={_char_class(right[0])}",
        f"left-end,length={_char_class(left[-1])},{left_length}",
        f"left-last-char={left[-1]}", f"right-first-char={right[0]}",
        f"commas={min(3, inner.count('，') + inner.count(','))}",
        f"gain={gain}",  # a word across the boundary reads better joined
        f"roles,gain={left_role},{right_role},{gain}",
        f"roles,left-length={left_role},{right_role},{left_length}",
    ]
    if in_one_word(joined, len(left_end) - 1, len(left_end) + 1):
        features.append("word-across")
    # jieba's HMM guesses words the dictionary lacks: a name cut by the break (孙宏 / 斌觉得),
    # which reads no better joined by dictionary words alone.
    if in_one_word(rjieba.cut(left_end + right_start), len(left_end) - 1, len(left_end) + 1):
        features.append("guessed-word-across")
    features += [f"left-last-word={model.part_of_speech(left_words[-1])}",
                 f"right-first-word={model.part_of_speech(right_words[0])}"]
    if _SENTENCE_STOP.search(inner):
        features.append("left-has-sentence")
    if _SENTENCE_STOP.search(right):
        features.append("right-has-sentence")
    if left[0] in "“\"" and left[-1] in "”\"":
        features.append("left-quoted")  # a quoted line on its own is a subheading
    if left[-1] == right[0]:
        features.append("same-character")
    if any(left.count(opening) > left.count(closing) for opening, closing in _PAIRED_MARKS):
        features.append("left-unclosed")  # a quote or bracket still open goes on below
    if len(left) <= _VERSE_LINE and len(right) <= _VERSE_LINE:
        # Lines of verse come in pairs of about one length, often the first ending in a comma.
        features.append(f"short-pair,difference={min(3, abs(len(left) - len(right)))}")
    return features


class JoinModel:
    """An averaged perceptron: join when the weights of the pair's features sum above zero."""

    def __init__(self, weights: dict[str, float], trained_on: tuple[str, ...] = ()):
        self.weights = weights
        self.trained_on = trained_on

    def score(self, features: list[str]) -> float:
        return sum(self.weights.get(f, 0.0) for f in features)

    def to_json(self) -> str:
        weights = {f: round(w, 3) for f, w in self.weights.items() if round(w, 3)}
        return json.dumps({"weights": weights, "trained_on": self.trained_on},
                          ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> JoinModel:
        data = json.loads(text)
        return cls(data["weights"], tuple(data.get("trained_on", ())))


@cache
def default_join_model() -> JoinModel:
    return JoinModel.from_json(resources.files(__package__).joinpath("joins.json")
                               .read_text("utf-8"))


def train_join_model(examples: list[tuple[list[str], bool]], epochs: int = 10,
                     seed: int = 0) -> JoinModel:
    """Examples are (features of a candidate pair, whether a break cut them apart)."""
    weights: dict[str, float] = {}
    totals: dict[str, float] = {}  # weight × steps, summed lazily for the average
    stamps: dict[str, int] = {}
    step = 0
    order = list(range(len(examples)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for k in order:
            features, is_break = examples[k]
            step += 1
            if (sum(weights.get(f, 0.0) for f in features) > 0) == is_break:
                continue
            for f in features:
                totals[f] = totals.get(f, 0.0) + (step - stamps.get(f, 0)) * weights.get(f, 0.0)
                stamps[f] = step
                weights[f] = weights.get(f, 0.0) + (1.0 if is_break else -1.0)
    step += 1
    return JoinModel({f: (totals[f] + (step - stamps[f]) * w) / step
                      for f, w in weights.items()})


def doubled_boundary(left: str, right: str) -> bool:
    """Whether the character that ends ``left`` and starts ``right`` was read twice. A break
    lands inside a real reduplication (好好, 天天, 满满) far less often than OCR doubles the
    boundary character, so the doubled reading is kept only where the likeliest reading of the
    text puts the pair in one word (好好学习) and reads nearly as well as the single one. Marks that
    never print twice (，、《“%·) were doubled by the OCR; a doubled digit is dropped where only
    the single reading makes a date (20|018年, 1|10月, 31|1日); dashes and ellipses may be printed
    twice and are kept."""
    if not left or not right or left[-1] != right[0]:
        return False
    if right[0] in _PRINTED_ONCE:
        return True
    if "0" <= right[0] <= "9":
        return _only_single_is_a_date(left, right)
    if not _is_han(right[0]):
        return False
    pair = left[-1] * 2
    model = lexicon()
    if model.frequency(pair) < _COMMON_WORD:
        return True
    before, after = left[-_CONTEXT:], right[:_CONTEXT + 1]
    doubled_probability, doubled = model.reading(before + after)
    if doubled_probability - model.log_probability(before + after[1:]) < _DOUBLED_READS_WORSE:
        return True
    at = len(before) - 1  # where the pair starts in the doubled text
    return not in_one_word(doubled, at, at + 2)  # one word holds both (好好学习, 满满的)


_DIGITS_BEFORE = re.compile(r"[0-9]+$")
_DIGITS_AND_UNIT = re.compile(r"([0-9]+)([年月日号]?)")
_DATE_RANGE = {"月": (1, 12), "日": (1, 31), "号": (1, 31)}


def _only_single_is_a_date(left: str, right: str) -> bool:
    """Whether the digits at the break, followed by 年, 月 or 日, make a date only when the
    boundary digit is read once."""
    right_digits, unit = _DIGITS_AND_UNIT.match(right).groups()
    if not unit:
        return False
    doubled = _DIGITS_BEFORE.search(left).group(0) + right_digits
    single = doubled[:-len(right_digits)] + right_digits[1:]
    if unit == "年":
        return len(doubled) > 4 and len(single) == 4
    low, high = _DATE_RANGE[unit]
    return int(doubled) > high and low <= int(single) <= high


def join_edits(left: Part, right: Part, page_text: str, confidence: float) -> list[Edit]:
    """The edits that join ``right`` to ``left``: drop the break between them, and the doubled
    boundary character when there is one."""
    gap = (left.span[1], right.span[0])
    edits = [Edit(rule="column-break", before=page_text[gap[0]:gap[1]], after="", span=gap,
                  confidence=confidence)]
    if doubled_boundary(left.text, right.text):
        start = right.span[0]
        edits.append(Edit(rule="doubled-boundary", before=right.text[0], after="",
                          span=(start, start + 1), confidence=0.9))
    return edits


def join_paragraphs(paragraphs: list[Part], page_text: str,
                    model: JoinModel | None = None) -> tuple[list[Part], list[Edit]]:
    """The paragraphs with each column break joined (a joined paragraph's span covers both
    pieces and the break), and the edits that did it."""
    model = model or default_join_model()
    out: list[Part] = []
    edits: list[Edit] = []
    for part in paragraphs:
        if out and candidate(out[-1], part, page_text):
            left = out[-1]
            score = model.score(join_features(left.text, part.text, left.role, part.role))
            if score > 0:
                edits += join_edits(left, part, page_text, _squash(score))
                out[-1] = Part(role="body", text=page_text[left.span[0]:part.span[1]],
                               span=(left.span[0], part.span[1]))
                continue
        out.append(part)
    return out, edits


def _squash(margin: float) -> float:
    """A margin as a confidence between 0.5 and 0.99."""
    return round(min(0.99, 0.5 + margin / 20), 2)


def _char_class(ch: str) -> str:
    """The tagger's class of a character, punctuation named by itself."""
    kind = char_class(ch)
    return ch if kind == "other" else kind


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"
