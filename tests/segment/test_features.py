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
