"""Roles that the rules, not the learned tagger, decide: attributions, series, kind, truncation."""

from baoku.pipeline import parse_text

SERIES_PAGE = """春耕一线见担当

市农业农村局：

抓好春耕备耕 稳住粮食生产

市农业农村局组织技术人员深入田间地头,指导农户做好小麦返青期管理。

市水利局：

修好渠道 保障灌溉

目前,已完成渠道清淤56公里,新建节水灌溉面积1.8万亩。(本报记者 唐晓雯 综合整理)
"""


def articles(text, date="2026-03-12"):
    return [a for page in parse_text(text, paper="青川日报", date=date, stages=()).pages
            for a in page.articles]


def test_series_banner_and_shared_byline_reach_every_section():
    first, second = articles(SERIES_PAGE)
    assert (first.series, first.kicker, first.headline) == (
        "春耕一线见担当", "市农业农村局：", "抓好春耕备耕 稳住粮食生产")
    assert (second.series, second.kicker) == ("春耕一线见担当", "市水利局：")
    assert first.byline.reporters == second.byline.reporters == ["唐晓雯"]
    assert second.paragraphs[-1].role == "closing"
    assert second.paragraphs[-2].text.endswith("1.8万亩。")


def test_dateline_prefix_leaves_the_paragraph():
    text = "青川市召开春季植树动员会\n\n本报讯 (记者 林晓舟 何佳)3月11日上午,动员会召开。\n"
    (article,) = articles(text)
    assert article.paragraphs[0].text == "3月11日上午,动员会召开。"
    assert [a.text for a in article.attributions] == ["本报讯 (记者 林晓舟 何佳)"]
    assert article.byline.source == "本报"
    assert article.byline.reporters == ["林晓舟", "何佳"]


def test_dated_dateline_gives_an_iso_date():
    text = "全国春季造林任务约6000万亩\n\n新华社北京3月11日电 (记者 陈思远)国家林草局发布消息。\n"
    (article,) = articles(text)
    assert article.dateline.date == "2026-03-11"
    assert article.byline.place == "北京"


def test_photo_item_with_credit():
    text = "春到青川河\n\n3月10日,市民在青川河畔散步赏花。\n\n记者 赵一鸣 摄\n"
    (article,) = articles(text)
    assert article.kind == "photo"
    assert article.byline.photographers == ["赵一鸣"]
    assert [p.role for p in article.paragraphs] == ["caption"]
    assert [a.role for a in article.attributions] == ["credit"]


def test_a_photo_after_an_article_is_its_own_item_even_when_tagged_a_subheading():
    from baoku.segment.assemble import mark_photo_titles
    from baoku.segment.lines import page_lines

    lines = page_lines("今年全市将完成造林任务。\n春到青川河\n3月10日,市民在青川河畔散步赏花。\n"
                       "记者 赵一鸣 摄")
    tagged = ["body", "subheading", "body", "body"]
    assert mark_photo_titles(lines, tagged) == ["body", "headline", "body", "body"]
    # after a caption, the short line is the credit of a series of photos
    series = page_lines("图⑤:渡工在航行。\n人民视觉\n图⑥:交警在救助被困车辆。\n本报记者 贾丰丰摄")
    assert mark_photo_titles(series, tagged) == tagged


def test_article_cut_off_mid_sentence_is_truncated():
    text = "非遗进校园 传承有新人\n\n本报讯 (记者 许安然)传承人走进课堂,为学生们讲授\n"
    (article,) = articles(text)
    assert article.truncated


def test_complete_article_is_not_truncated():
    text = "非遗进校园 传承有新人\n\n本报讯 (记者 许安然)传承人走进课堂。\n"
    (article,) = articles(text)
    assert not article.truncated


def test_text_before_any_heading_is_an_article_without_headline():
    (article,) = articles("上接第一版的正文,继续讲述。\n")
    assert article.headline is None
    assert article.paragraphs[0].text == "上接第一版的正文,继续讲述。"


def test_marks_before_the_first_article_are_unassigned():
    page = parse_text("■■■\n\n青川市召开会议\n\n会议召开。\n\n……\n\n会议结束。\n").pages[0]
    assert [p.text for p in page.unassigned] == ["■■■"]
    assert "……" in [p.text for p in page.articles[0].paragraphs]
