from baoku.extract.ner import default_ner_model, labels, spans


def test_labels_and_spans_round_trip():
    entities = [(0, 2, "place"), (4, 7, "person"), (7, 8, "organization")]
    assert spans(labels("潍坊市委书记刘运党", entities)) == entities


def test_a_stray_inside_tag_starts_an_entity():
    assert spans(["O", "I-PER", "I-PER", "O"]) == [(1, 3, "person")]


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
