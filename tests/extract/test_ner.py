import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from baoku.extract import _chain
from baoku.extract.ner import LABELS, _clauses, _Codes, _name_end, _names, default_ner_model, features
from baoku.extract.places import is_division


def test_an_inside_label_never_starts_a_name_nor_follows_another_type():
    text = "青川市市长林晓舟在北京会见了外交部代表团。"
    best = [LABELS[i] for i in default_ner_model().best_labels(text)]
    assert not best[0].startswith("I-")
    for before, label in zip(best, best[1:]):
        assert not label.startswith("I-") or before[2:] == label[2:]


def test_features_are_one_bucket_a_template_and_character():
    buckets = features("林晓舟说")
    assert buckets.shape[0] == 4 and buckets.dtype == np.uint32
    assert (buckets < 1 << 20).all()
    assert features("").shape == (0, buckets.shape[1])


def test_the_kernels_refuse_arrays_of_the_wrong_size():
    model = default_ner_model()
    ids = features("林晓舟说")
    with pytest.raises(ValueError, match="transitions"):
        _chain.decode(ids, model._row_of, model._weights, len(LABELS), np.zeros(3, np.float32),
                      np.array([[0, 4]], dtype=np.int64), np.zeros(4, np.uint8))
    with pytest.raises(ValueError, match="keys"):  # n is read off out: 5 rows, keys have 4
        _chain.buckets(np.zeros((4, 3), np.uint64), np.array([0, 1], np.int32),
                       np.array([0, 2], np.int32), np.zeros(5, np.uint32))
    with pytest.raises(ValueError, match="templates"):
        _chain.buckets(np.zeros((4, 3), np.uint64), np.array([0, 3], np.int32),
                       np.array([0, 2], np.int32), np.zeros(4, np.uint32))
    with pytest.raises(ValueError, match="clauses"):
        _chain.decode(ids, model._row_of, model._weights, len(LABELS), model._transitions,
                      np.array([[0, 9]], dtype=np.int64), np.zeros(4, np.uint8))


def test_codes_are_made_once_and_kept_across_a_generation():
    made = []
    codes = _Codes(lambda word: made.append(word) or len(made), most=2)
    first, lengths = codes.of([("青川", "ns"), ("市长", "n"), ("青川", "ns")], 0)
    assert first.tolist() == [1, 2, 1] and lengths.tolist() == [2, 2, 2]
    assert codes.of([("林晓舟", "nr")], 0)[0].tolist() == [3]  # the two known ones retire
    assert codes.of([("市长", "n")], 0)[0].tolist() == [2]  # taken back, not made again
    assert codes.of([("说", "v")], 1)[0].tolist() == [4]
    assert made == ["青川", "市长", "林晓舟", "v"]


def test_codes_refuse_what_is_not_a_tagger_pair():
    with pytest.raises(TypeError, match="items\\[1\\]"):
        _Codes(len).of([("青川", "ns"), ("市长",)], 1)
    with pytest.raises(ValueError, match="out"):
        _chain.codes([("青川", "ns")], 0, {}, len, np.zeros(2, np.uint64), np.zeros(1, np.int64))
    tagged = [("青川", "ns"), ("市长", "n")]
    with pytest.raises(RuntimeError, match="changed size"):  # not a read past the list's end
        _chain.codes(tagged, 0, {}, lambda word: tagged.clear() or 1, np.zeros(2, np.uint64),
                     np.zeros(2, np.int64))


def test_shipped_model_finds_people_places_and_organizations():
    text = "青川市市长林晓舟在北京会见了外交部代表团。"
    found = {(text[s:e], kind) for s, e, kind in default_ner_model().entities(text)}
    assert {("青川市", "place"), ("林晓舟", "person"), ("北京", "place")} <= found
    assert any(kind == "organization" and "外交部" in name for name, kind in found)


def test_texts_read_in_one_batch_get_the_entities_they_get_alone():
    texts = ["副市长方立群主持会议。", "", "记者何佳从市教育局获悉，张建国教授出席。"]
    model = default_ner_model()
    assert model.entities_of(texts) == [model.entities(t) for t in texts]


def test_empty_text_has_no_entities():
    assert default_ner_model().entities("") == []
    assert default_ner_model().entities("   ") == []


def test_a_name_that_is_a_common_word():
    def people(text):
        return [text[s:e] for s, e, kind in default_ner_model().entities(text) if kind == "person"]

    assert people("副市长高峰出席会议并讲话。") == ["高峰"]
    assert people("今年客流迎来高峰。") == []


def test_word_classes_put_words_with_the_same_neighbours_together():
    from baoku.extract.word_classes import train_word_classes

    lines = [f"{office}{name}说，{place}市委召开会议。" for office in ("书记", "市长", "主任")
             for name in ("林晓舟", "宋雨桐", "何佳") for place in ("青川", "东湖")]
    classes = train_word_classes(lines * 3)
    assert classes["青川"] == classes["东湖"]  # both only ever between ， and 市委
    assert classes["青川"] != classes["召开"]
    assert all(len(found) == 2 for found in classes.values())


def test_a_name_ends_before_a_title_a_verb_of_saying_or_a_date():
    def name(text, kind):
        return text[:_name_end(text, 0, len(text), kind)]

    assert name("林先生", "person") == "林"
    assert name("方立群说", "person") == "方立群"
    assert name("青川市教育局9日通报", "organization") == "青川市教育局"
    assert name("第一中学", "organization") == "第一中学"
    assert name("青川师范学院合作", "organization") == "青川师范学院"
    assert name("青川三毛集团", "organization") == "青川三毛集团"


def test_a_division_and_the_place_inside_it_are_two_places():
    def names(text):
        return [text[s:e] for s, e, _ in _names(text, 0, len(text), "place")]

    assert names("四川省青川县") == ["四川省", "青川县"]
    assert names("青川县") == ["青川县"]


def test_a_person_before_a_compound_or_school_word_names_that_place_or_school():
    text = "桂园小区的退休教师"
    assert _names(text, 0, 2, "person") == [(0, 4, "place")]
    assert _names("逸夫中学", 0, 2, "person") == [(0, 4, "organization")]
    assert _names("林晓舟说", 0, 4, "person") == [(0, 3, "person")]


def test_a_span_across_a_space_between_words_is_no_name():
    text = "传达全会精神 研究经济运行"
    assert _names(text, 2, len(text), "organization") == []
    assert _names("记者倪 弋", 2, 5, "person") == [(2, 5, "person")]


def test_a_person_that_ends_a_unit_before_its_heads_office_names_the_unit():
    assert _names("医院麻醉科副主任林晓雨", 2, 5, "person") == [(2, 5, "organization")]
    assert _names("宣传部部长林晓舟", 0, 3, "person") == [(0, 3, "organization")]
    assert _names("林晓舟主任", 0, 3, "person") == [(0, 3, "person")]  # 舟 ends no unit
    assert _names("王科说", 0, 2, "person") == [(0, 2, "person")]  # no office follows


def test_a_place_takes_the_jiedao_or_shequ_after_it():
    text = "青川市东城街道槐树社区召开居民议事会。"
    found = {(text[s:e], kind) for s, e, kind in default_ner_model().entities(text)}
    assert ("东城街道", "place") in found and ("东城", "place") not in found


def test_one_character_names_of_countries_are_places():
    text = "中美双方就青川经贸合作交换了意见。"
    places = [text[s:e] for s, e, kind in default_ner_model().entities(text) if kind == "place"]
    assert places[:2] == ["中", "美"]


def test_division_names_in_full_and_short():
    assert is_division("张家口市") and is_division("张家口") and not is_division("动员会")


def test_a_model_trained_on_a_few_sentences_finds_their_names(tmp_path):
    from baoku.extract.ner import NerModel, train_ner_model

    sentences = [(f"{office}{name}在{place}调研。", [(len(office), len(office) + 3, "person"),
                                                 (len(office) + 4, len(office) + 6, "place")])
                 for office in ("市长", "书记") for name in ("林晓舟", "宋雨桐")
                 for place in ("青川", "东湖")]
    model = train_ner_model(sentences * 3, iterations=30)
    model.save(tmp_path / "ner.npz")
    text = "市长宋雨桐在东湖调研。"
    assert NerModel.load(tmp_path / "ner.npz").entities(text) == [(2, 5, "person"),
                                                                 (6, 8, "place")]


@given(st.text(alphabet="青川，。、:!\n a1", max_size=40))
def test_clauses_cover_each_line_and_end_at_a_mark_or_the_line_end(text):
    spans = [tuple(span) for span in _clauses(text).tolist()]
    covered = [i for start, end in spans for i in range(start, end)]
    assert covered == [i for i, c in enumerate(text) if c != "\n"]  # in order, once each
    for start, end in spans:
        inside = text[start:end - 1]
        assert not any(c in "，。、:!" for c in inside)
        assert end == len(text) or text[end - 1] in "，。、:!" or text[end] == "\n"
