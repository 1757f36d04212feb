from baoku.lexicon import in_one_word


def test_one_word_holds_a_stretch_only_within_its_bounds():
    words = ["全省", "深度", "贫困", "地区"]  # 全省深度贫|困地区: the line end falls inside 贫困
    assert in_one_word(words, 4, 6)
    assert not in_one_word(words, 3, 5)  # 度贫 spans two words
    assert in_one_word(["们", "要", "好好学习"], 2, 4)
