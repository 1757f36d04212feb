from baoku import ids


def test_article_id_is_impresso_style():
    page = ids.page_id("人民日报", "2019-02-01", 3)
    article = ids.article_id(page, 7)
    assert article == "renminribao-2019-02-01-p03-a07"
    assert ids.ARTICLE_ID.match(article)["article"] == "07"


def test_unknown_paper_and_date():
    assert ids.page_id(None, None, 1) == "unknown-undated-p01"
    assert ids.PAGE_ID.match("unknown-undated-p01")
