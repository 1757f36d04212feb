import numpy as np

from baoku.lexicon import in_one_word, lexicon


def test_one_word_holds_a_stretch_only_within_its_bounds():
    words = ["全省", "深度", "贫困", "地区"]  # 全省深度贫|困地区: the line end falls inside 贫困
    assert in_one_word(words, 4, 6)
    assert not in_one_word(words, 3, 5)  # 度贫 spans two words
    assert in_one_word(["们", "要", "好好学习"], 2, 4)


def pair_codes(*pairs):
    return np.array([ord(a) << 21 | ord(b) for a, b in pairs], dtype=np.int64)


def test_a_rarer_word_is_more_telling_and_a_pair_that_is_no_word_tells_nothing():
    common, rare, none = lexicon().pair_surprisals(pair_codes("发展", "候鸟", "展候"))
    assert 0 < common < rare and none == 0
