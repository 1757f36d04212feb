"""The real Weifang page: what a careful reader sees in it (skips without ../shared)."""

from baoku.pipeline import parse_file

from ..conftest import need_samples


def test_weifang_articles_as_a_reader_sees_them():
    document = parse_file(need_samples() / "weifang-daily-2025-10-29.txt")
    first, second = document.pages
    reports = [a for a in first.articles if a.dateline and a.dateline.text == "本报讯"]
    assert len(reports) == 6
    assert [a.byline.reporters for a in reports] == [
        ["付凯", "刘福文"], ["邵光耀"], ["于哲"], ["薛静"], ["隋炜凤"], ["窦圆娜"]]
    (photo,) = [a for a in first.articles if a.kind == "photo"]
    assert (photo.headline, photo.byline.photographers) == ("幸福味道 情暖桑榆", ["郭超"])
    environment = first.articles[1]
    assert (environment.column, environment.kicker, environment.headline) == (
        "权威发布", "总结“十四五”亮点 展望“十五五”目标", "我市以务实举措推进人居环境持续向好")
    assert first.articles[0].subtitle == "传达学习党的二十届四中全会精神 研究经济运行等事项"
    assert [a.truncated for a in first.articles].count(True) == 1
    assert [(a.series, a.kicker, a.byline.reporters) for a in second.articles] == [
        ("攻坚打头阵 落实当先锋", dept, ["石莹"]) for dept in ("市委组织部：", "市教育局：", "市工信局：")]
