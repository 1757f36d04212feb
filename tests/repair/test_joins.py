from baoku.model import Part
from baoku.repair.edits import replay
from baoku.repair.joins import doubled_boundary, join_features, join_paragraphs


def paragraphs(text):
    parts, position = [], 0
    for piece in text.split("\n\n"):
        parts.append(Part(role="body", text=piece, span=(position, position + len(piece))))
        position += len(piece) + 2
    return parts


def joined(text):
    parts, edits = join_paragraphs(paragraphs(text), text)
    return [replay(text, p.span, edits) for p in parts]


def test_a_paragraph_cut_mid_word_is_joined():
    text = "全市打通“断头\n\n路”“瓶颈路”35条，建成过街天桥20座。"
    assert joined(text) == ["全市打通“断头路”“瓶颈路”35条，建成过街天桥20座。"]


def test_a_doubled_boundary_character_is_dropped():
    text = "全会的建议充分体现了\n\n了以人民为中心的发展思想，意义重大。"
    assert joined(text) == ["全会的建议充分体现了以人民为中心的发展思想，意义重大。"]


def test_real_paragraph_ends_stay():
    text = "会议要求，确保栽一棵、活一棵。\n\n会后，与会人员到青川河畔参加植树。"
    assert joined(text) == text.split("\n\n")


def test_a_subheading_is_not_joined_to_the_body():
    text = "春风吹过青川河畔，植树的人们忙个不停。"
    parts = [Part(role="body", text=text, span=(0, len(text)))]
    page = text + "\n\n一棵树一片绿\n\n今年全市计划新增绿地1200亩。"
    parts.append(Part(role="subheading", text="一棵树一片绿", span=(len(text) + 2, len(text) + 8)))
    kept, edits = join_paragraphs(parts, page)
    assert len(kept) == 2 and edits == []


def test_a_real_reduplication_is_kept():
    assert not doubled_boundary("我们要好", "好学习青川精神")
    assert doubled_boundary("赢得了一", "一大片真朋友")
    assert doubled_boundary("充分体现了", "了以人民为中心")
    assert not doubled_boundary("青川", "市")


def test_a_paragraph_that_starts_with_a_closing_mark_was_cut_off():
    text = "青川河两岸新栽了樟树。\n\n。今年全市计划新增绿地1200亩。"
    assert joined(text) == ["青川河两岸新栽了樟树。今年全市计划新增绿地1200亩。"]


def test_a_doubled_mark_is_dropped_but_dashes_and_ellipses_kept():
    assert doubled_boundary("青川河两岸，", "，新栽了樟树")
    assert doubled_boundary("支持《", "《条例》")
    assert not doubled_boundary("他说……", "……")
    assert not doubled_boundary("青川——", "——一座小城")


def test_a_doubled_digit_is_dropped_only_where_the_single_reading_is_the_date():
    assert doubled_boundary("图为1", "10月22日，青川")
    assert doubled_boundary("早在20", "018年")
    assert doubled_boundary("青川3月31", "1日电")
    assert not doubled_boundary("每亩12", "200株")
    assert not doubled_boundary("每年1", "1月")  # 11月 and 1月 are both dates: kept
    assert not doubled_boundary("面积12m²", "²")


def test_a_quote_still_open_goes_on_in_the_next_paragraph():
    text = "她在申请书中写道：“我特向青川市人民政府\n\n申请自愿退出低保，让给更需要的人。”"
    assert joined(text) == [text.replace("\n\n", "")]


def test_lines_of_verse_stay_apart():
    text = "青川河水清又清，\n\n两岸桃花映山红。"
    assert joined(text) == text.split("\n\n")


def test_a_name_cut_by_the_break_reads_as_one_guessed_word_across_it():
    # No dictionary word holds 林晓舟, so only jieba's guess of unknown words joins it.
    assert "guessed-word-across" in join_features("教师之家的林晓", "舟觉得当老师好", "body", "body")
    assert "guessed-word-across" not in join_features("在川西南，赤水河畔", "许多石头坡地上", "body",
                                                      "body")
