import json

import pytest

from baoku.errors import BaokuError
from baoku.evaluate import evaluate_folder, held_out_models, in_sample

PAGE = """青川市召开春季植树动员会

本报讯 (记者 林晓舟)3月11日上午,动员会召开。

会议要求,确保栽一棵、活一棵。

非遗进校园 传承有新人

本报讯 (记者 许安然)3月10日,活动启动。
"""


def gold_folder(tmp_path, articles, page=PAGE, events=()):
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "青川日报-2026-03-12-p01.txt").write_text(page, encoding="utf-8")
    line = {"file": "青川日报-2026-03-12-p01.txt", "paper": "青川日报", "date": "2026-03-12",
            "page": 1, "articles": articles, "events": list(events)}
    (tmp_path / "gold.jsonl").write_text(json.dumps(line, ensure_ascii=False), encoding="utf-8")
    return tmp_path


def article(headline, paragraphs):
    return {"column": None, "kicker": None, "headline": headline, "subtitle": None,
            "paragraphs": paragraphs}


def test_a_right_parse_scores_one(tmp_path):
    folder = gold_folder(tmp_path, [
        article("青川市召开春季植树动员会", ["3月11日上午，动员会召开。", "会议要求，确保栽一棵、活一棵。"]),
        article("非遗进校园 传承有新人", ["3月10日，活动启动。"]),
    ])
    report = evaluate_folder(folder).report()
    assert report["headline_f1"] == 1.0
    assert report["body_similarity"] == 1.0
    assert report["paragraph_precision"] == report["paragraph_recall"] == 1.0


def test_a_missed_article_lowers_recall_not_precision(tmp_path):
    folder = gold_folder(tmp_path, [
        article("青川市召开春季植树动员会", ["3月11日上午，动员会召开。", "会议要求，确保栽一棵、活一棵。"]),
        article("一篇不在版面上的文章", ["正文。"]),
        article("非遗进校园 传承有新人", ["3月10日，活动启动。"]),
    ])
    report = evaluate_folder(folder).report()
    assert report["headline_precision"] == 1.0
    assert report["headline_recall"] == pytest.approx(2 / 3)


def test_folder_without_gold(tmp_path):
    with pytest.raises(BaokuError) as e:
        evaluate_folder(tmp_path)
    assert e.value.code == "no-gold"


def test_repair_scores_count_the_known_column_breaks(tmp_path):
    page = PAGE.replace("确保栽一棵、活一棵。", "确保栽一棵、活一棵,全市今年计划新增绿地一千二百\n\n"
                        "百亩,植树二十万株。")
    folder = gold_folder(tmp_path, [
        article("青川市召开春季植树动员会", ["3月11日上午，动员会召开。",
                                    "会议要求，确保栽一棵、活一棵，全市今年计划新增绿地一千二百亩，植树二十万株。"]),
        article("非遗进校园 传承有新人", ["3月10日，活动启动。"]),
    ], page=page, events=[{"kind": "column_break", "left": "绿地一千二百", "right": "百亩,植树",
                           "duplicated": True}])
    report = evaluate_folder(folder).report()
    assert report["breaks_joined"] == report["join_precision"] == 1.0
    assert report["doubled_removed"] == 1.0
    assert report["paragraph_precision"] == report["paragraph_recall"] == 1.0


def test_held_out_models_never_saw_their_folder(tmp_path):
    both = [article("青川市召开春季植树动员会",
                    ["3月11日上午，动员会召开。", "会议要求，确保栽一棵、活一棵。"]),
            article("非遗进校园 传承有新人", ["3月10日，活动启动。"])]
    first = gold_folder(tmp_path / "first", both)
    second = gold_folder(tmp_path / "second", both)
    models = held_out_models([first, second])
    assert models[first].tagger.trained_on == models[first].joins.trained_on == ("second",)
    assert not in_sample(first, models[first])
    assert in_sample(second, models[first])


def test_held_out_needs_two_folders(tmp_path):
    with pytest.raises(BaokuError) as e:
        held_out_models([tmp_path])
    assert e.value.code == "held-out"
