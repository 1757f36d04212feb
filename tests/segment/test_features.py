import math
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from baoku.lexicon import lexicon
from baoku.segment.features import (
    _COSINE_BUCKETS,
    _TOPIC_WINDOW,
    _code_points,
    _topic_shift,
    bucket,
    page_features,
)
from baoku.segment.lines import page_lines

# Lines of a few words, each repeated up to 150 times: lines of other words (topics) than their
# neighbours', and windows that take in one line more or less.
WORDS = ("青川", "召开", "会议", "植树", "水库", "发展", "候鸟", "春灌", "学校", "，", "。", "ab", "1")
LINES = st.lists(st.tuples(st.sampled_from(WORDS), st.integers(1, 150)), min_size=1,
                 max_size=3).map(lambda runs: "".join(word * times for word, times in runs))


def weighted_words(lines):
    """The surprisal-weighted counts of the two-character dictionary words in some lines."""
    counts = Counter()
    for text in lines:
        for a, b in zip(text, text[1:]):
            [surprisal] = lexicon().pair_surprisals([ord(a) << 21 | ord(b)])
            if surprisal > 0:
                counts[a + b] += surprisal
    return counts


def cosine_bucket(a, b):
    norms = math.sqrt(sum(x * x for x in a.values()) * sum(x * x for x in b.values()))
    if not norms:
        return -1
    cosine = sum(a[w] * b[w] for w in a.keys() & b.keys()) / norms
    return next((bucket for bucket in _COSINE_BUCKETS if cosine <= bucket), 1.0)


def lines_before(texts, i):
    """Whole lines before line i, back until they hold the window's characters."""
    start = i
    while start > 0 and sum(map(len, texts[start:i])) < _TOPIC_WINDOW:
        start -= 1
    return texts[start:i]


def lines_after(texts, i):
    end = i + 1
    while end < len(texts) and sum(map(len, texts[i + 1:end])) < _TOPIC_WINDOW:
        end += 1
    return texts[i + 1:end]


@settings(deadline=None)  # the first example loads the dictionary
@given(st.lists(LINES, max_size=8), st.data())
def test_topic_compares_the_weighted_words_of_the_lines_around_a_line(texts, data):
    lines = page_lines("\n".join(texts))
    texts = [line.text for line in lines]
    heading_like = data.draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
    found = _topic_shift(*_code_points(lines), heading_like)
    for i, is_heading in enumerate(heading_like):
        before, own = weighted_words(lines_before(texts, i)), weighted_words([texts[i]])
        after = weighted_words(lines_after(texts, i))
        assert found[i] == ([f"topic={cosine_bucket(before, after)}",
                             f"own-topic-after={cosine_bucket(own, after)}",
                             f"own-topic-before={cosine_bucket(own, before)}"]
                            if is_heading else [])


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


def test_a_heading_between_two_topics_is_told_from_one_within_a_topic():
    trees = "青川市今年春季植树造林，苗木调运和荒山造林进度加快，植树造林示范林陆续建成。" * 4
    water = "东湖水库开闸放水保障春灌，渠道清淤和节水灌溉面积扩大，水库蓄水充足。" * 4
    new_topic = page_features(page_lines(f"{trees}\n水库保春灌\n{water}"))[1]
    same_topic = page_features(page_lines(f"{trees}\n造林有进度\n{trees}"))[1]
    assert "topic=0.02" in new_topic and "topic=1.0" in same_topic


def test_short_lines_carry_their_edge_words():
    features = page_features(page_lines("李克强在青川考察时强调\n着力推进改革发展\n正文一段。"))
    assert "last-word=强调" in features[0] and "1:last-word=发展" in features[0]


def test_a_page_without_a_dictionary_word_has_no_topic_to_compare():
    for line in page_features(page_lines("ABC\nxyz 123\n——")):
        assert {"topic=-1", "own-topic-after=-1", "own-topic-before=-1"} <= set(line)


def test_two_heading_lines_see_each_others_length():
    text = "青川市召开春季植树动员会\n全市今年计划新增绿地一千二百亩以上\n本报讯 正文一段。"
    features = page_features(page_lines(text))
    assert "pair-next=12,18" in features[0] and "pair-previous=12,18" in features[1]
    assert not [f for f in features[1] if f.startswith("pair-next")]  # the body line is no heading


@given(st.integers(-5, 300), st.lists(st.integers(0, 250), min_size=1, unique=True))
def test_a_bucket_is_the_first_bound_a_number_does_not_pass(n, bounds):
    bounds = tuple(sorted(bounds))
    assert bucket(n, bounds, past=999) == next((b for b in bounds if n <= b), 999)
