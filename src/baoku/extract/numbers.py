"""Numeric facts: a figure with its unit, the metric phrase it measures and the words that
qualify it (累计, 新增, 超过 …), percentages (30.6%, 百分之三十) and ranks (全省第1, 居全国前列).

Numbers are read in Arabic or Chinese numerals (cn2an) and scaled by 万 and 亿: 873万亩 is
8,730,000 亩, 1.1万亿元 is 1.1×10¹² 元.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import cn2an
import rjieba

_HAN = "\u4e00-\u9fff"
_CHINESE_DIGITS = "零〇一二两三四五六七八九十百千"
# A Chinese numeral of one character counts only before 万 or 亿 (两万): 一处, 三个 and the
# like are phrasing, not figures, and 一 hides in a great many words.
_NUMBER = (rf"(?:\d+(?:[.,]\d+)*|[{_CHINESE_DIGITS}]{{2,}}(?:点[{_CHINESE_DIGITS}]+)?"
           rf"|[{_CHINESE_DIGITS}](?:点[{_CHINESE_DIGITS}]+)?(?=万|亿))")
_SCALES = {"": 1, "万": 1e4, "亿": 1e8, "万亿": 1e12, "千万": 1e7, "百万": 1e6}
# Units a figure may carry, longest first so that 平方公里 wins over 公里.
_UNITS = sorted((
    "个百分点", "平方公里", "平方千米", "平方米", "立方米", "千瓦时", "千米", "公里", "公顷",
    "毫米", "厘米", "米", "亩", "元", "美元", "欧元", "人次", "人", "名", "位", "户", "家",
    "个", "项", "件", "所", "座", "套", "间", "栋", "辆", "台", "架", "艘", "列",
    "吨", "千克", "公斤", "斤", "克", "千瓦", "兆瓦", "瓦", "次", "场", "届", "批", "株",
    "棵", "头", "只", "篇", "部", "本", "种", "类", "条", "处", "村", "镇", "县",
    "年", "月", "天", "小时", "分钟", "倍", "岁", "度",
), key=len, reverse=True)
_UNIT = "|".join(map(re.escape, _UNITS))
_QUANTITY = re.compile(
    rf"(?P<number>{_NUMBER})(?:(?P<range>至|到|-|～|~)(?P<upper>{_NUMBER}))?"
    rf"(?P<scale>万亿|千万|百万|万|亿)?(?P<extra>多|余)?(?P<unit>{_UNIT})")
_PERCENT = re.compile(rf"(?P<number>\d+(?:\.\d+)?)\s*[%％]"
                      rf"|百分之(?P<chinese>[{_CHINESE_DIGITS}]+(?:点[{_CHINESE_DIGITS}]+)?)")
_RANK = re.compile(rf"(?P<scope>全国|全省|全市|全区|全县|全球|世界|全世界|国内|省内|同类城市|全行业)"
                   rf"(?:同类|城市|地市)?(?P<rank>第[\d{_CHINESE_DIGITS}]+(?:位|名)?|首个|首家|首位|"
                   rf"前列|前[\d{_CHINESE_DIGITS}]+(?:位|名)?|领先|之首|最高|最低)")
_QUALIFIERS = ("同比增长", "同比下降", "增长", "下降", "提高", "减少", "增加", "累计", "新增", "超过",
               "达到", "突破", "升至", "降至", "不少于", "不低于", "近", "约", "共", "达", "余",
               "多", "居", "位居", "列")
_AFTER_FIGURE = ("以上", "以下", "左右")
_ANYWHERE_IN_CLAUSE = ("累计", "新增")  # 累计新增贷款1.1万亿元: they qualify the metric
_CLAUSE_END = re.compile(r"[，。；：！？、,;:!?（）()]")
# Words that end a metric phrase on its left: verbs of change and the numbers' own qualifiers.
_METRIC_STOP = re.compile(
    r"(?:同比增长|同比下降|分别为|分别|增长|下降|提高|减少|增加|累计|新增|超过|达到|突破|升至|降至|"
    r"实现|完成|共计|总计|合计|不少于|不低于|位居|增至|近|约|共|达|为|是|有|至|由|从|比|较|居|列|均|增|"
    r"超)+$")


@dataclass
class Figure:
    kind: str
    start: int
    end: int
    value: float | None = None
    upper: float | None = None
    unit: str | None = None
    metric: str | None = None
    qualifiers: list[str] = field(default_factory=list)
    scope: str | None = None


def number(text: str) -> float | None:
    """An Arabic or Chinese numeral's value: 1,000 → 1000, 三点五 → 3.5; None if it is none."""
    try:
        return float(text.replace(",", "")) if text[0].isdigit() else float(
            cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError):
        return None


def figures(text: str) -> list[Figure]:
    """The quantities, percentages and ranks of one passage, in text order."""
    found: list[Figure] = []
    taken: set[int] = set()
    for m in _PERCENT.finditer(text):
        value = number(m["number"] or m["chinese"])
        found.append(_described(Figure("percentage", m.start(), m.end(), value, unit="%"), text))
        taken.update(range(m.start(), m.end()))
    for m in _QUANTITY.finditer(text):
        if m.start() in taken or _is_date_or_label(text, m):
            continue
        value = number(m["number"])
        if value is None:
            continue
        scale = _SCALES[m["scale"] or ""]
        upper = number(m["upper"]) if m["upper"] else None
        figure = Figure("quantity", m.start(), m.end(), value * scale,
                        upper * scale if upper is not None else None, m["unit"])
        found.append(_described(figure, text))
    for m in _RANK.finditer(text):
        found.append(_described(Figure("rank", m.start(), m.end(), _rank_value(m["rank"]),
                                       scope=m["scope"]), text))
    found.sort(key=lambda f: f.start)
    for before, figure in zip(found, found[1:]):
        # 浓度…改善30.6%，居全省第1: a figure with no phrase of its own measures what the one
        # before it in the sentence does.
        if not figure.metric and "。" not in text[before.end:figure.start]:
            figure.metric = before.metric
    return found


def _is_date_or_label(text: str, m: re.Match[str]) -> bool:
    """A bare number before 年 or 月 is a date (2025年, 10月), not a count, though a range is
    one (3至5年); a number after 第 is an ordinal (第3个)."""
    if m["unit"] in ("年", "月") and not m["range"]:
        return True
    return m.start() > 0 and text[m.start() - 1] == "第"  # 第3个: an ordinal


def _rank_value(rank: str) -> float | None:
    digits = re.search(rf"[\d{_CHINESE_DIGITS}]+", rank)
    if rank.startswith(("首", "之首")):
        return 1.0
    return number(digits.group()) if digits else None


def _described(figure: Figure, text: str) -> Figure:
    """Add the metric phrase and the qualifiers from the figure's clause: the phrase left of
    the figure, else the noun right after it (120多家企业)."""
    clause_start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, figure.start)), default=0)
    left = text[clause_start:figure.start]
    comparison = _COMPARISON.search(left)
    if comparison:
        left = left[:comparison.start()]
    phrase = _METRIC_STOP.sub("", left)
    # The qualifiers stand between the phrase and the figure (累计新增1.1万亿元), inside it
    # (120多家) or right after it (50人以上).
    next_to = left[len(phrase):] + text[figure.start:figure.end]
    after = text[figure.end:figure.end + 2]
    figure.qualifiers = _longest_only(
        [q for q in _QUALIFIERS if q in next_to or (q in _ANYWHERE_IN_CLAUSE and q in left)]
        + [q for q in _AFTER_FIGURE if after.startswith(q)])
    if comparison:
        figure.qualifiers.append(comparison.group())
    metric = _noun_phrase(_LEADING_MARKS.sub("", phrase))
    if not metric and not after.startswith(_AFTER_FIGURE):
        noun = _NOUN_AFTER.match(text, figure.end)
        metric = noun.group(1) if noun and figure.kind == "quantity" else ""
    figure.metric = metric[-16:] or None
    return figure


_COMPARISON = re.compile(r"较[^，。；]{1,12}?(?:增加|增长|提高|下降|减少|改善|上升)")
_LEADING_MARKS = re.compile(rf"^[^{_HAN}A-Za-z0-9“]+|[“”\s]+$")
_NOUN_AFTER = re.compile(rf"(?:的)?([{_HAN}]{{2,4}}?)(?=参加|参与|参会|入驻|落户|签约|[，。；、]|$)")


def _noun_phrase(text: str) -> str:
    """What follows the clause's last verb, pronoun or preposition (全市划定|永久基本农田);
    the whole text when that is the last word (城镇居民人均可支配收入), nothing when the text
    is a single such word (对3389株: the metric comes after the figure)."""
    words = rjieba.tag(text)
    cut = max((i + 1 for i, (_, tag) in enumerate(words) if tag in ("v", "r", "p", "c")),
              default=0)
    if cut < len(words):
        return "".join(w for w, _ in words[cut:])
    return text if len(words) > 1 else ""


def _longest_only(words: list[str]) -> list[str]:
    """Drop a qualifier that is part of a longer one found too (增长 inside 同比增长)."""
    return [w for w in words if not any(w != o and w in o for o in words)]
