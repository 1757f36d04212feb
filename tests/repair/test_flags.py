from baoku.repair.flags import implausible_number, possible_reduplication, repeated_name


def kinds(flags):
    return [(f.kind, f.text) for f in flags]


def test_a_doubled_verb_is_flagged():
    assert kinds(possible_reduplication("现场洽谈洽谈供嘉宾对接", 0)) == [("doubled-word", "洽谈洽谈")]


def test_one_name_for_several_office_holders_is_flagged():
    text = "青川茶叶协会会长王立新，青川竹编协会会长王立新，青川陶艺协会会长王立新出席。"
    (flag,) = repeated_name(text, 10)
    assert flag.kind == "repeated-name" and "王立新" in flag.message
    assert text[flag.span[0] - 10:flag.span[1] - 10] == flag.text


def test_different_names_are_not_flagged():
    assert repeated_name("青川茶叶协会会长王立新，青川竹编协会会长李秀梅出席。", 0) == []


def test_implausible_numbers_are_flagged_and_plausible_ones_are_not():
    assert kinds(implausible_number("我市人均公园绿地升至1685平方米。", 0)) == [
        ("implausible-number", "1685平方米")]
    assert kinds(implausible_number("全市绿化覆盖率达143.2%。", 0)) == [
        ("implausible-number", "143.2%")]
    assert kinds(implausible_number("我市筹建人才住房156万套。", 0)) == [
        ("implausible-number", "156万套")]
    assert implausible_number("我市人均公园绿地升至16.85平方米，覆盖率达43.2%。", 0) == []
    assert implausible_number("全国开工建设保障性住房156万套。", 0) == []
