"""A person's offices, as printed before the name: 市委书记刘运 holds 市委书记;
市委委员、宣传部部长、市委教育工委书记杨建华 holds all three. And the people that a list of
officials names after their offices, where the entity model missed them."""

from __future__ import annotations

import re

from ..lexicon import lexicon
from ..names import SURNAMES

# The last word of an office: 书记, 部长, 主任 … A title is the run of nouns that ends in one.
_OFFICE = ("书记|副书记|常委|委员|主席|副主席|主任|副主任|部长|副部长|局长|副局长|厅长|副厅长|省长|副省长|"
           "市长|副市长|县长|副县长|区长|副区长|镇长|乡长|村长|总理|副总理|总统|副总统|首相|国务委员|"
           "秘书长|会长|副会长|理事长|董事长|总经理|经理|总裁|总监|院长|副院长|校长|副校长|所长|社长|"
           "行长|团长|队长|司令员|政委|主编|总编辑|大使|发言人|代表|教授|研究员|院士|主持人|负责人|"
           "馆长|站长|处长|科长|组长|馆员|工程师|医生|医师|教练|运动员|演员|导演|记者|编辑|干部|"
           "党员|专家|总工程师|审判长|检察长|法官|律师|巡视员|调研员|讲解员|辅导员|护士长|老师|教师|"
           "书记员|指导员|理事|监事|秘书")
_ENDS_IN_OFFICE = re.compile(rf"(?:{_OFFICE})$")
# Offices that may follow the name instead (习近平总书记, 李四院士).
_OFFICE_AFTER_NAME = re.compile("总书记|主席|总理|委员长|院士|教授|书记|市长|省长|部长|县长|区长")
# Marks between one person's offices: 、 always; a comma where the text before it ends in an
# office too (市委委员、副市长，潍坊国家农综区推进办党组书记、主任吕珊珊).
_LIST_MARKS = "、，,"
_HAN = re.compile("[\u4e00-\u9fff]")
# What a title does not hold: function characters, and verbs that come before an office holder.
_STOP_CHARACTERS = frozenset("了的在和与及同是为由向对将把被让请等就也又都跟给从")
_STOP_WORDS = ("会见", "会晤", "主持", "出席", "陪同", "参加", "看望", "慰问", "调研", "表示", "指出",
               "强调", "介绍", "说", "任命", "担任", "现任", "曾任", "原", "邀请", "接见", "听取",
               "宣布", "签署", "致信", "致电", "获悉")


def titles(text: str, name_start: int, name_end: int | None = None) -> list[str]:
    """The offices printed right before the name at ``name_start``, in order, and one printed
    right after it (习近平总书记) when ``name_end`` is given. A list of offices goes on back
    over each mark that an office ends before."""
    found: list[str] = []
    end = name_start
    while True:
        title = _title_ending_at(text, end)
        if not title:
            break
        found.insert(0, title)
        end -= len(title)
        if end == 0 or text[end - 1] not in _LIST_MARKS:
            break
        end -= 1
    after = _OFFICE_AFTER_NAME.match(text, name_end) if name_end is not None else None
    return found + [after.group()] if after else found


def _title_ending_at(text: str, end: int) -> str:
    """The title that ends at ``end``: an office word and the han characters before it, back
    to a mark, a function character or a verb of meeting (会见了市委书记: 市委书记)."""
    office = _ENDS_IN_OFFICE.search(text, max(0, end - 8), end)
    if not office:
        return ""
    start = office.start()
    while start > 0 and _HAN.match(text[start - 1]) and text[start - 1] not in _STOP_CHARACTERS \
            and not text.endswith(_STOP_WORDS, 0, start):
        start -= 1
    return text[start:end]


_AFTER_NAME_VERBS = ("出席", "主持", "致辞", "讲话", "表示", "指出", "强调", "介绍", "说", "参加", "陪同",
                     "分别")
_NAME_AFTER_OFFICE = re.compile(
    rf"(?:{_OFFICE})(?P<name>[{SURNAMES}][\u4e00-\u9fff]{{1,2}}?)"
    rf"(?=[，,、；;。（(]|{'|'.join(_AFTER_NAME_VERBS)})")


def titled_names(text: str) -> list[tuple[int, int]]:
    """(start, end) of each name printed right after an office and before a mark or a verb of
    attending or speaking (副主任吕向东，…): in lists of officials such a name is a person,
    unless it reads as words that are no name (`_reads_as_words`)."""
    return [m.span("name") for m in _NAME_AFTER_OFFICE.finditer(text)
            if not _reads_as_words(m["name"])]


_COMMON = 500  # times jieba's dictionary saw a word: 方面 26963, 解答 787


def _reads_as_words(name: str) -> bool:
    """Whether a would-be name begins with a conjunction (干部代表和医疗、: 和), is a verb of
    speaking after a character (会上时表示), or is a common word that jieba does not tag as a
    name (方面, 解答)."""
    words = lexicon()
    tag = words.part_of_speech(name) or ""
    return (words.part_of_speech(name[0]) == "c" or name[1:] in _AFTER_NAME_VERBS
            or (words.frequency(name) >= _COMMON and not tag.startswith("nr")))
