"""Doubts that repair reports but does not act on: a doubled verb that may be meant, one name
given to several people, a number its measure cannot have, an article cut off mid-sentence."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from ..model import Flag, Part
from .characters import doubling, doublings

Detector = Callable[[str, int], list[Flag]]

_HAN = "\u4e00-\u9fff"


def possible_reduplication(text: str, start: int) -> list[Flag]:
    """A verb said twice (洽谈洽谈) may be a reduplication (研究研究) or an OCR doubling."""
    return [Flag(kind="doubled-word", text=word * 2, span=(start + at, start + at + 2 * len(word)),
                 message=f"“{word}” twice: a verb may be reduplicated on purpose, or the OCR "
                         "read it twice; left as printed")
            for at, word in doublings(text) if doubling(text, at, word) == "possible"]


# The titles after which a name follows in a list of people: XX协会会长李某.
_TITLE = ("会长|副会长|理事长|秘书长|主席|副主席|书记|副书记|主任|副主任|董事长|总经理|经理|总裁|"
          "局长|部长|厅长|省长|市长|县长|区长|镇长|村长|院长|校长|所长|社长|行长|团长|队长|总监|"
          "委员|代表|教授|研究员")
_NAME_AFTER_TITLE = rf"(?P<name>[{_HAN}·]{{2,4}}?)(?=[，,、；;。（(和与及等]|$)"
_TITLED_NAME = re.compile(rf"(?P<holder>[{_HAN}]{{2,20}}?)(?P<title>{_TITLE}){_NAME_AFTER_TITLE}")
_TITLE_WORD = re.compile(_TITLE)
_NAME = re.compile(_NAME_AFTER_TITLE)
_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]?")


def repeated_name(text: str, start: int) -> list[Flag]:
    """One name given to the heads of several different bodies in one sentence (three
    association heads all called 李春信): a model that repeats itself, not a fact."""
    if not _some_name_twice(text):
        return []  # the search below backtracks over every holder; most text needs none of it
    flags = []
    for sentence in _SENTENCE.finditer(text):
        holders: dict[str, list[re.Match[str]]] = defaultdict(list)
        for m in _TITLED_NAME.finditer(sentence.group()):
            holders[m["name"]].append(m)
        for name, found in holders.items():
            if len({m["holder"] for m in found}) < 2:
                continue
            first, last = found[0], found[-1]
            span = (start + sentence.start() + first.start(), start + sentence.start() + last.end())
            offices = "；".join(m["holder"] + m["title"] for m in found)
            flags.append(Flag(kind="repeated-name", text=text[span[0] - start:span[1] - start],
                              span=span,
                              message=f"{name} is named as {len(found)} different office holders "
                                      f"in one sentence ({offices}): the OCR may have repeated "
                                      "a name"))
    return flags


def _some_name_twice(text: str) -> bool:
    """Whether two titles in the text are followed by the same name: a quick test that every
    text with a repeated name passes."""
    names = [m["name"] for title in _TITLE_WORD.finditer(text)
             if (m := _NAME.match(text, title.end()))]
    return len(names) > len(set(names))


@dataclass(frozen=True)
class Bound:
    """The most a measure can be: ``metric`` names it, ``unit`` follows the number. A text about
    the whole country may go higher (``national_most``; None: no limit there)."""

    metric: str
    unit: str
    most: float
    national_most: float | None
    why: str

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(rf"(?P<metric>{self.metric})[^。；;，,]{{0,12}}?"
                          rf"(?P<value>\d+(?:\.\d+)?)(?P<scale>万|亿)?(?P<unit>{self.unit})")


_BOUNDS = (
    Bound(rf"人均[{_HAN}]{{0,8}}?(?:绿地|住房|居住|建筑)面积|人均公园绿地", "平方米", 200, 200,
          "per person, parks and homes measure tens of square metres"),
    Bound("占比|比重|比例|覆盖率|普及率|达标率|优良率|合格率|满意度|入学率|处理率|利用率|参保率|"
          "就业率", "%", 100, 100, "a share cannot exceed 100%"),
    Bound("(?:人才|保障性租赁|保障性|公共租赁|安置)住房", "套", 500_000, None,
          "a city builds thousands to tens of thousands of such homes, not millions"),
)
_SCALE = {None: 1, "万": 10_000, "亿": 100_000_000}
_NATIONAL = re.compile(r"全国|我国")
_CITY = re.compile(r"我市|全市")


def implausible_number(text: str, start: int) -> list[Flag]:
    """A figure far beyond what its measure can be (人均公园绿地升至2015平方米: a decimal point
    lost), judged by the metric phrase and the unit after the number."""
    flags = []
    national = bool(_NATIONAL.search(text)) and not _CITY.search(text)
    for bound in _BOUNDS:
        if bound.unit not in text:
            continue  # told at once; the pattern would search every metric phrase for it
        most = bound.national_most if national else bound.most
        for m in bound.pattern.finditer(text):
            if most is None or float(m["value"]) * _SCALE[m["scale"]] <= most:
                continue
            figure = text[m.start("value"):m.end("unit")]
            flags.append(Flag(kind="implausible-number", text=figure,
                              span=(start + m.start("value"), start + m.end("unit")),
                              message=f"{m['metric']} {figure} is implausible: {bound.why}"))
    return flags


def truncation(paragraphs: list[Part]) -> list[Flag]:
    """The article ends mid-sentence: its continuation is on a page that is not here."""
    last = paragraphs[-1]
    tail = last.text[-12:]
    return [Flag(kind="truncated", text=tail, span=(last.span[1] - len(tail), last.span[1]),
                 message=f"the article ends mid-sentence (…{tail}); it continues elsewhere")]
