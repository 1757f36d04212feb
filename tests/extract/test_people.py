from baoku.extract.people import titles


def at(text, name):
    return titles(text, text.index(name))


def test_one_title():
    assert at("市委书记刘运主持并讲话", "刘运") == ["市委书记"]


def test_titles_listed_with_a_pause_mark():
    assert at("市委委员、宣传部部长、市委教育工委书记杨建华出席", "杨建华") == [
        "市委委员", "宣传部部长", "市委教育工委书记"]


def test_the_verb_before_the_title_is_not_part_of_it():
    assert at("会见了市委书记刘运", "刘运") == ["市委书记"]


def test_no_title():
    assert at("他和张三一起去了", "张三") == []


def test_an_office_after_the_name():
    text = "林晓舟书记指出"
    assert titles(text, 0, 3) == ["书记"]


def test_a_rank_below_the_office():
    assert at("省农业农村厅二级巡视员刘成海出席", "刘成海") == ["省农业农村厅二级巡视员"]


def test_a_name_after_an_office_in_a_list_of_officials():
    from baoku.extract.people import titled_names

    text = "省农业厅副主任吕向海，市委委员、副市长林晓舟出席。"
    assert [text[s:e] for s, e in titled_names(text)] == ["吕向海", "林晓舟"]
    assert titled_names("他担任市长秘书多年") == []
    assert titled_names("市直机关干部代表和医疗、教育系统干部职工参加") == []
    assert titled_names("在培训青川乡村干部方面，") == []
    for name in ("方月光", "何进军"):  # given names that are words: 月光, 进军
        listed = f"青川市第一中学校长{name}、"
        assert [listed[s:e] for s, e in titled_names(listed)] == [name]
    listed = "青川县副县长高建国、"
    assert [listed[s:e] for s, e in titled_names(listed)] == ["高建国"]


def test_offices_go_on_over_a_comma_only_when_an_office_ends_before_it():
    assert at("市委委员、副市长，青川新区管委会党组书记、主任林晓舟致辞", "林晓舟") == [
        "市委委员", "副市长", "青川新区管委会党组书记", "主任"]
    assert at("副市长方立群，市委常委林晓舟出席", "林晓舟") == ["市委常委"]
