"""Named entities — people, places, organizations — by a character CRF (CRFsuite).

Each character gets features of itself and its neighbours, of the word jieba's tagger puts it
in (rjieba, the Rust port, for speed), of dictionary names it falls in, and of an
organization word ahead in the clause (法国雇主协会: 法国 is part of the name, not a place).
The model ships as ``ner.crfsuite``; `baoku train-ner` trains it from sentences in the format
of People's Daily NER sets.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import pycrfsuite
import rjieba

from ..lexicon import lexicon

TYPES = {"person": "PER", "place": "LOC", "organization": "ORG"}
_TYPE_OF_LABEL = {label: name for name, label in TYPES.items()}

# jieba's tags of names in its dictionary: person, place, organization, other proper noun.
_NAME_TAGS = frozenset({"nr", "ns", "nt", "nz", "nrt", "nrfg"})
_ORGANIZATION_END = frozenset("部局委会院校所厂社团队司行处办室党军报台馆站组厅署营")
_ORGANIZATION_WORDS = ("中心", "集团", "公司", "协会", "组织", "联盟", "大学", "中学", "小学",
                       "医院", "银行", "政府", "法院", "检察院", "基金会", "研究所", "研究院",
                       "学会", "俱乐部", "代表团", "剧团", "乐团")
_CLAUSE_MARKS = frozenset("，。、；：！？（）“”《》,;:!?()")
_AHEAD = 4  # how many words ahead an organization word still counts


def _word_positions(words: list[tuple[str, str]]) -> list[tuple[str, int]]:
    """For each character, its place in its word (B, M, E or S) and the word's index."""
    out = []
    for index, (word, _) in enumerate(words):
        n = len(word)
        out += [("S" if n == 1 else "B" if k == 0 else "E" if k == n - 1 else "M", index)
                for k in range(n)]
    return out


def _organization_ahead(words: list[tuple[str, str]]) -> list[int | None]:
    """For each word, how many words ahead in its clause an organization's word ends."""
    out: list[int | None] = [None] * len(words)
    ahead = None
    for index in range(len(words) - 1, -1, -1):
        word, tag = words[index]
        if word in _CLAUSE_MARKS:
            ahead = None
        elif tag != "v" and (word[-1] in _ORGANIZATION_END or word.endswith(_ORGANIZATION_WORDS)):
            ahead = index
        out[index] = None if ahead is None else min(ahead - index, _AHEAD)
    return out


def _dictionary_names(text: str) -> list[list[str]]:
    """For each character, where it falls in the longest dictionary name starting before it."""
    model = lexicon()
    marks: list[list[str]] = [[] for _ in text]
    for begin in range(len(text)):
        names = [w for w in model.words_from(text, begin)
                 if model.part_of_speech(w) in _NAME_TAGS]
        if names:
            name, tag = names[-1], model.part_of_speech(names[-1])
            marks[begin].append(f"dB{tag}")
            marks[begin + len(name) - 1].append(f"dE{tag}")
            for k in range(begin + 1, begin + len(name) - 1):
                marks[k].append(f"dI{tag}")
    return marks


def features(text: str) -> list[list[str]]:
    """The features of each character of ``text``."""
    words = rjieba.tag(text)
    places = _word_positions(words)
    ahead = _organization_ahead(words)
    names = _dictionary_names(text)
    padded = f"^^{text}$$"
    out = []
    for i, ch in enumerate(text):
        place, index = places[i]
        word, tag = words[index]
        left2, left1, right1, right2 = padded[i], padded[i + 1], padded[i + 3], padded[i + 4]
        before = places[i - 1] if i else None
        after = places[i + 1] if i + 1 < len(text) else None
        f = ["bias", f"c={ch}", f"l={left1}", f"r={right1}", f"l2={left2}", f"r2={right2}",
             f"lc={left1}{ch}", f"cr={ch}{right1}", f"ll={left2}{left1}", f"rr={right1}{right2}",
             f"wb={place}", f"wp={tag}", f"wbp={place}{tag}", f"wbpc={place}{tag}{ch}",
             f"pp={words[before[1]][1] if before else '^'}",
             f"np={words[after[1]][1] if after else '$'}"]
        if len(word) <= 4:
            f.append(f"w={word}")
        if ahead[index] is not None:
            f += [f"org-ahead={ahead[index]}", f"org-ahead={ahead[index]},{tag}"]
        f += names[i]
        out.append(f)
    return out


def labels(text: str, entities: list[tuple[int, int, str]]) -> list[str]:
    """BIO labels of the characters, from (start, end, type) entities."""
    out = ["O"] * len(text)
    for start, end, kind in entities:
        label = TYPES[kind]
        out[start:end] = [f"B-{label}"] + [f"I-{label}"] * (end - start - 1)
    return out


def spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) of each entity in BIO tags; a stray I- starts one."""
    out, start, kind = [], None, None
    for i, tag in enumerate([*tags, "O"]):
        if start is not None and not tag.startswith("I-"):
            out.append((start, i, kind))
            start = None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, kind = i, _TYPE_OF_LABEL[tag[2:]]
    return out


class NerModel:
    def __init__(self, path: str | Path):
        self.path = str(path)
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(self.path)

    def entities(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, type) of the people, places and organizations in ``text``."""
        if not text.strip():
            return []
        return spans(self._tagger.tag(features(text)))


@cache
def default_ner_model() -> NerModel:
    # CRFsuite reads a file by name: as_file gives one even from a zipped install.
    with resources.as_file(resources.files(__package__) / "ner.crfsuite") as path:
        return NerModel(path)


def train_ner_model(sentences: list[tuple[str, list[tuple[int, int, str]]]], out: str | Path,
                    iterations: int = 150) -> NerModel:
    """Train on (text, entities) sentences and write the model to ``out``."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for text, entities in sentences:
        if text:
            trainer.append(features(text), labels(text, entities))
    trainer.set_params({"c1": 0.1, "c2": 0.01, "max_iterations": iterations,
                        "feature.possible_transitions": True})
    trainer.train(str(out))
    return NerModel(out)
