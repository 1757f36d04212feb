import operator
import re

from hypothesis import given
from hypothesis import strategies as st

from baoku.segment.features import _HanBigrams, page_features
from baoku.segment.lines import page_lines


def bigrams_of(text):
    han = re.sub(r"[^\u4e00-\u9fff]+", "", text)
    return set(map(operator.add, han, han[1:]))


@given(st.text(alphabet="青川市召开会议,，\n ab1", max_size=30), st.data())
def test_a_window_of_the_index_is_the_bigrams_of_that_slice(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert _HanBigrams(text).window(start, end) == bigrams_of(text[start:end])


def test_subheadings_that_look_alike_are_parallel():
    text = "大山的渴望\n正文一段。\n大山的召唤\n正文二段。\n另一篇文章的标题\n正文三段。"
    features = page_features(page_lines(text))
    assert "parallel=1" in features[0] and "parallel=1" in features[2]
    assert not any(f.startswith("parallel") for f in features[4])


def test_enumerated_line():
    features = page_features(page_lines("一、坚持问题导向\n正文。"))
    assert "enumerated" in features[0]


def test_a_line_cut_mid_word_reads_on_into_the_next():
    text = "青川市曾是全省深度贫\n困地区中的一个县。\n春天来了\n青川河两岸开满了花。"
    features = page_features(page_lines(text))
    assert "word-across-next" in features[0] and "word-across-previous" in features[1]
    assert "word-across-next" not in features[2]


def test_heading_like_lines_know_how_much_text_lies_between_them():
    body = "青川河两岸开满了花，市民纷纷前来踏青赏景。" * 10  # 210 characters
    features = page_features(page_lines(f"春天来了\n{body}\n花开青川\n{body}"))
    assert "gap-after=300" in features[0] and "gap-before=300" in features[2]
    assert "gap-before=9999" in features[0] and "gap-after=9999" in features[2]


def test_a_series_name_in_brackets_does_not_make_a_headline_long():
    headline = "青川市强化问题导向 解决实际难题（守初心 担使命 找差距 抓落实·深入开展主题教育）"
    features = page_features(page_lines(f"{headline}\n本报讯 记者从青川市委获悉，主题教育扎实推进。"))
    assert "len=16" in features[0] and "hl-window=||h-|" in features[0]  # heading-like
