"""One test or more per character rule: what it changes, and what it must leave alone."""

import pytest

from baoku.repair.characters import (
    doubled_word,
    full_width_letters,
    ocr_markup,
    punctuation_width,
    spurious_spaces,
)
from baoku.repair.edits import replay


def apply(rule, text):
    return replay(text, (0, len(text)), rule(text, 0))


@pytest.mark.parametrize(("text", "want"), [
    ("会议指出,全会是一次重要会议;意义重大!", "会议指出，全会是一次重要会议；意义重大！"),
    ("本报讯 (记者 林晓舟)3月11日", "本报讯 （记者 林晓舟）3月11日"),
    ("共有1,000人,比分3:2", "共有1,000人，比分3:2"),
    ("他说:Hello, world (test)", "他说：Hello, world (test)"),
    ("详见http://qc.example.cn/a?x=1,y=2,报名", "详见http://qc.example.cn/a?x=1,y=2，报名"),
])
def test_punctuation_width(text, want):
    assert apply(punctuation_width, text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("PM_{2.5}、PM₁₀浓度下降", "PM2.5、PM10浓度下降"),
    ("绿地面积$m^{2}$与m^2", "绿地面积m²与m²"),
    ("$\\mathrm{PM}_{2.5}$达标", "PM2.5达标"),
    ("**青川新闻**", "青川新闻"),
])
def test_ocr_markup(text, want):
    assert apply(ocr_markup, text) == want


def test_full_width_letters_and_digits():
    assert apply(full_width_letters, "ＰＭ２．５浓度为３５") == "PM2.5浓度为35"


@pytest.mark.parametrize(("text", "want"), [
    ("推进产教融合,建 立产教融合型企业。", "推进产教融合,建立产教融合型企业。"),
    ("他说：“很好。” 青川市民纷纷点赞。", "他说：“很好。”青川市民纷纷点赞。"),
    ("以“幸福味道 情暖桑榆”为主题，开展活动。", "以“幸福味道 情暖桑榆”为主题，开展活动。"),
    ("南 昌", "南 昌"),
])
def test_spurious_spaces(text, want):
    assert apply(spurious_spaces, text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("学习总书记近期重要重要讲话精神", "学习总书记近期重要讲话精神"),
    ("现场洽谈洽谈供嘉宾对接", "现场洽谈洽谈供嘉宾对接"),  # a verb: flagged, not changed
    ("成就干部的干部、服务人才的人才", "成就干部的干部、服务人才的人才"),
    ("一等奖、二等奖、三等奖", "一等奖、二等奖、三等奖"),
    ("干部干部，首先要干", "干部干部，首先要干"),
    ("一步一步走", "一步一步走"),
    ("迎来越来越多的游客", "迎来越来越多的游客"),
    ("三大队大队长", "三大队大队长"),
])
def test_doubled_word(text, want):
    assert apply(doubled_word, text) == want
