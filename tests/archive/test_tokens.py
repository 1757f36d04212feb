import pytest

from baoku.archive.tokens import bigram_tokens, parse_query, word_tokens
from baoku.errors import BaokuError


def test_bigrams_cover_every_substring_and_end_each_run_with_its_last_character():
    assert bigram_tokens("江南水乡，GDP增长") == "江南 南水 水乡 乡 gd dp p增 增长 长"
    assert bigram_tokens("“”") == ""


def test_words_are_rjieba_words_of_two_or_more_characters():
    assert word_tokens("全市春季植树造林") == "全市 春季 植树造林"
    assert all(len(w) > 1 for w in word_tokens("我在青川。").split())


def test_a_term_is_its_bigrams_as_a_phrase_and_ranks_higher_as_a_whole_word():
    query = parse_query("江南水乡 书")
    assert query.expression == '({headline body} : "江南 南水 水乡") AND ({headline body} : "书"*)'
    assert query.heading_expression == '(headline : "江南 南水 水乡") AND (headline : "书"*)'
    assert query.words_expression == '(words : "江南水乡") AND ({headline body} : "书"*)'


def test_a_single_character_is_the_start_of_a_token():
    assert parse_query("书").expression == '({headline body} : "书"*)'


def test_a_quoted_phrase_keeps_its_words_in_order_across_punctuation():
    query = parse_query('"乡村 振兴"')
    assert query.expression == '({headline body} : "乡村 村 振兴")'
    assert query.patterns == [r"乡村[\W_]+振兴"]


def test_or_and_not():
    query = parse_query("青川 OR 潍坊 -植树")
    assert query.expression == ('((({headline body} : "青川") OR ({headline body} : "潍坊"))) '
                                'NOT ({headline body} : "植树")')
    assert query.words_expression == '((words : "青川") OR (words : "潍坊"))'
    assert parse_query("NOT 植树 青川").expression == \
        '(({headline body} : "青川")) NOT ({headline body} : "植树")'


def test_no_words_means_filters_only():
    assert parse_query("").expression is None
    assert parse_query("，。").expression is None


def test_a_quotation_mark_without_its_pair_is_punctuation():
    assert parse_query('“青川方案').expression == parse_query("青川方案").expression


@pytest.mark.parametrize("query, why", [("NOT 青川", "NOT needs"),
                                        ("青" * 201, "longer than")])
def test_bad_queries_say_why(query, why):
    with pytest.raises(BaokuError, match=why):
        parse_query(query)
