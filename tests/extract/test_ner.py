from baoku.extract.ner import default_ner_model, labels, spans


def test_labels_and_spans_round_trip():
    entities = [(0, 2, "place"), (4, 7, "person"), (7, 8, "organization")]
    assert spans(labels("潍坊市委书记刘运党", entities)) == entities


def test_a_stray_inside_tag_starts_an_entity():
    assert spans(["O", "I-PER", "I-PER", "O"]) == [(1, 3, "person")]


def test_shipped_model_finds_people_places_and_organizations():
    found = {(text[s:e], kind) for text in ["国务院总理李强在北京会见了外交部代表团。"]
             for s, e, kind in default_ner_model().entities(text)}
    assert ("李强", "person") in found
    assert ("北京", "place") in found


def test_empty_text_has_no_entities():
    assert default_ner_model().entities("") == []
    assert default_ner_model().entities("   ") == []
