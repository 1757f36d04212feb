import itertools

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from baoku.segment.features import HEADING_LIKE
from baoku.segment.tagger import TAGS, Tagger, _opinions, best_path, train

SCORES = st.floats(-5, 5, allow_nan=False).map(lambda x: round(x, 2))


@given(st.integers(1, 4).flatmap(lambda n: st.tuples(
    arrays(float, (n, len(TAGS)), elements=SCORES),
    arrays(float, (len(TAGS) + 1, len(TAGS)), elements=SCORES))))
def test_best_path_scores_highest_of_all_paths(problem):
    emissions, transitions = problem

    def score(path):
        previous = (len(TAGS), *path[:-1])  # the start's row first
        return sum(transitions[a, b] + emissions[i, b]
                   for i, (a, b) in enumerate(zip(previous, path)))

    best = max(score(p) for p in itertools.product(range(len(TAGS)), repeat=len(emissions)))
    assert np.isclose(score(best_path(emissions, transitions)), best)


def toy_page(words):
    """A page whose lines are told apart by one word: "title" lines are headlines. All could
    be headings, so that the trees judge them too."""
    return ([[f"word={w}", HEADING_LIKE] for w in words],
            ["headline" if w == "title" else "body" for w in words])


def test_training_learns_to_tag_pages_it_saw_and_the_model_survives_json():
    # Enough pages for the trees too, which want ten lines a leaf.
    pages = [toy_page(["title", "text", "text"]), toy_page(["text", "title", "text", "text"])] * 10
    tagger = train(pages, epochs=5)
    assert tagger.forest.roots.size
    for features, gold in pages:
        assert tagger.tag(features) == gold
        assert Tagger.from_json(tagger.to_json()).tag(features) == gold


def test_lines_without_known_features_and_empty_pages_are_tagged():
    tagger = train([toy_page(["title", "text"])], epochs=3)
    assert tagger.tag([]) == []
    title, text = ["word=title"], ["word=text"]
    for page in ([[], title, text], [title, [], [], text], [text, []]):
        # a line without features is tagged as one whose features are all unknown
        unknown = [line or ["unknown"] for line in page]
        assert tagger.tag(page) == tagger.tag(unknown)


def test_the_trees_judge_lines_that_could_be_headings_and_leave_the_rest_to_the_perceptron():
    pages = [toy_page(["title", "text", "text"])] * 10
    forest = train(pages, epochs=1).forest
    opinions = _opinions(forest, [["word=title", HEADING_LIKE], ["word=title"],
                                  ["word=text", HEADING_LIKE]])
    assert opinions[0].argmax() == TAGS.index("headline")
    assert opinions[2].argmax() == TAGS.index("body")
    assert not opinions[1].any()  # not heading-like: no opinion
