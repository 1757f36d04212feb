import numpy as np

import baoku.lexicon
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


def make_lexicon():
    """The lexicon as a new process gets it (lexicon() itself is made once a process)."""
    return lexicon.__wrapped__()


def test_the_lexicon_is_cached_for_the_next_process_and_read_back_the_same(
        tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    made = make_lexicon()
    [cache] = (tmp_path / "baoku").iterdir()
    monkeypatch.setattr(baoku.lexicon, "_read_dictionary", None)  # the cache must do
    read = make_lexicon()
    assert read.reading("青川市召开动员会") == made.reading("青川市召开动员会")
    assert read.part_of_speech("发展") == made.part_of_speech("发展") == "vn"
    pairs = pair_codes("发展", "候鸟", "展候")
    assert read.pair_surprisals(pairs).tolist() == made.pair_surprisals(pairs).tolist()
    assert cache.stat().st_size > 1_000_000


def test_a_damaged_cache_is_made_again(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    make_lexicon()
    [cache] = (tmp_path / "baoku").iterdir()
    cache.write_bytes(b"not marshal data")
    assert make_lexicon().frequency("发展") > 0
    assert cache.stat().st_size > 1_000_000


def test_without_a_writable_cache_the_lexicon_is_made_all_the_same(tmp_path, monkeypatch):
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "a-file"))
    assert make_lexicon().frequency("发展") > 0
