"""Every endpoint of the JSON API, with good and bad parameters."""

import importlib
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from baoku.archive import Archive

ARTICLE = "qingchuan-daily-2026-03-11-p01-a02"


def test_issues_list_papers_with_their_issues_newest_first(client):
    papers = client.get("/api/issues").json()
    assert [p["paper"] for p in papers] == ["qingchuan-daily", "qingchuan-evening"]
    assert [i["date"] for i in papers[0]["issues"]] == ["2026-03-12", "2026-03-11", "2026-03-10"]
    assert papers[0]["issues"][0] == {"date": "2026-03-12", "pages": 2, "articles": 7}


def test_an_issue_lists_its_pages_and_articles_in_reading_order(client):
    issue = client.get("/api/issues/qingchuan-daily/2026-03-11").json()
    assert [p["number"] for p in issue["pages"]] == [1, 2]
    first = issue["pages"][0]["articles"][1]
    assert (first["column"], first["headline"]) == ("城市观察", "老旧小区加装电梯有了“青川方案”")


def test_an_article_has_its_parts_as_read_and_repaired_and_its_neighbours(client):
    data = client.get(f"/api/articles/{ARTICLE}").json()
    assert data["article"]["id"] == ARTICLE
    assert data["previous"].endswith("-p01-a01") and data["next"].endswith("-p01-a03")
    dateline = next(p for p in data["parts"] if p["role"] == "dateline")
    assert dateline["as_read"] == "本报讯 (记者 宋雨桐)" and dateline["text"] == "本报讯 （记者 宋雨桐）"
    assert {"read": "(", "repaired": "（", "rule": "punctuation-width"} in dateline["segments"]
    assert data["page"]["source"].endswith("qingchuan-daily-2026-03-11-p01.txt")


def test_flagged_text_is_a_run_of_its_own_with_the_message(client):
    [hit] = client.get("/api/search", params={"q": "洽谈"}).json()["hits"]
    body = next(p for p in client.get(f"/api/articles/{hit['id']}").json()["parts"]
                if p["role"] == "body")
    [flagged] = [s for s in body["segments"] if "flag" in s]
    assert flagged["text"] == "洽谈洽谈" and "twice" in flagged["flag"]
    page = client.get(f"/articles/{hit['id']}").text
    assert '<mark class="flag" title="“洽谈” twice' in page


def test_the_last_article_of_an_issue_has_no_next(client):
    last = client.get("/api/issues/qingchuan-daily/2026-03-11").json()["pages"][-1]["articles"][-1]
    assert client.get(f"/api/articles/{last['id']}").json()["next"] is None


def test_search_pages_through_the_hits(client):
    first = client.get("/api/search", params={"q": "青川", "limit": 2}).json()
    assert first["total"] > 2 and len(first["hits"]) == 2 and first["next_offset"] == 2
    second = client.get("/api/search", params={"q": "青川", "limit": 2, "offset": 2}).json()
    assert {h["id"] for h in first["hits"]}.isdisjoint(h["id"] for h in second["hits"])


def test_a_common_word_pages_through_its_latest_matches_only(client, monkeypatch):
    monkeypatch.setattr(importlib.import_module("baoku.web.queries"), "RANKING_WINDOW", 3)
    page = client.get("/api/search", params={"q": "青川", "limit": 2, "offset": 2}).json()
    assert page["total"] > 3 and page["shown"] == 3 and page["next_offset"] is None
    assert "列出最新的 3 篇" in client.get("/search", params={"q": "青川"}).text


def test_search_filters(client):
    hits = client.get("/api/search", params={"q": "青川", "from": "2026-03-11",
                                             "to": "2026-03-11", "kind": "photo"}).json()
    assert [h["date"] for h in hits["hits"]] == ["2026-03-11"] and hits["total"] == 1
    people = client.get("/api/search", params={"person": "王秀兰"}).json()
    assert people["total"] == 3


def test_an_entity_is_a_timeline_of_the_articles_naming_it(client):
    data = client.get("/api/entities/person/周明远").json()
    assert data["total"] == 3
    assert [a["date"] for a in data["articles"]] == ["2026-03-10", "2026-03-11", "2026-03-12"]
    assert data["articles"][0]["titles"] == ["市委书记"]


def test_ocr_text_is_data_in_json_and_text_on_a_page(client):
    [hit] = client.get("/api/search", params={"q": "代码"}).json()["hits"]
    assert "&lt;script&gt;" in hit["snippet"] and "<script>" not in hit["snippet"]
    page = client.get(f"/articles/{hit['id']}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page
    assert "<script>" not in client.get("/search", params={"q": "代码"}).text


@pytest.mark.parametrize("url, status, message", [
    ("/api/articles/nope", 404, "no article nope"),
    ("/api/issues/qingchuan-daily/2026-04-01", 404, "no issue of qingchuan-daily on 2026-04-01"),
    ("/api/issues/qingchuan-daily/yesterday", 400, "date: String should match pattern"),
    ("/api/search?q=" + "青" * 201, 400, "q: String should have at most 200 characters"),
    ("/api/search?from=2026-3-1", 400, "from: String should match pattern"),
    ("/api/search?q=青川&from=2026-13-45", 400, "2026-13-45: not a date of the form YYYY-MM-DD"),
    ("/api/search?limit=1000", 400, "limit: Input should be less than or equal to 100"),
    ("/api/search?offset=-1", 400, "offset: Input should be greater than or equal to 0"),
    ("/api/search?kind=ad", 400, "kind ad: not one of news, photo"),
    ("/api/search?q=NOT%20青川", 400, "query: NOT needs something to search for"),
    ("/api/entities/person/nobody", 404, "no person named nobody in the archive"),
    ("/api/entities/ghost/x", 404, "no entity type ghost"),
    ("/api/entities/organization/中央/国务院", 404, "no organization named 中央/国务院"),
    ("/api/nothing", 404, "no page at /api/nothing"),
])
def test_bad_requests_get_400_or_404_with_a_message(client, url, status, message):
    response = client.get(url)
    assert response.status_code == status
    body = response.json()
    assert body["ok"] is False and body["status"] == status
    assert body["error"].startswith(message)


def test_the_search_form_with_its_empty_fields_is_a_search(client):
    form = {"q": "樱花", "paper": "", "from": "", "to": "", "column": "", "kind": ""}
    response = client.get("/search", params=form)
    assert response.status_code == 200 and "共 3 篇" in response.text
    assert client.get("/api/search", params=form).json()["total"] == 3


def test_html_errors_are_pages(client):
    response = client.get("/articles/nope")
    assert response.status_code == 404 and "no article nope" in response.text
    assert client.get("/search?from=x").status_code == 400


def test_every_html_page_names_its_json_twin(client):
    for url, twin in [("/", "/api/issues"), (f"/articles/{ARTICLE}", f"/api/articles/{ARTICLE}"),
                      ("/issues/qingchuan-daily/2026-03-11",
                       "/api/issues/qingchuan-daily/2026-03-11")]:
        response = client.get(url)
        assert response.status_code == 200
        assert response.headers["link"] == f'<{twin}>; rel="alternate"; type="application/json"'


def test_the_api_is_documented(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert set(paths) == {"/api/issues", "/api/issues/{paper}/{date}",
                          "/api/articles/{article_id}", "/api/search",
                          "/api/entities/{kind}/{name}"}


def test_the_reader_opens_the_archive_read_only(db):
    with Archive(db) as reader, pytest.raises(sqlite3.OperationalError, match="readonly"):
        reader.db.execute("DELETE FROM papers")


def test_html_pages_of_hits_link_on_with_the_filters_kept(client):
    first = client.get("/search", params={"paper": "qingchuan-daily"}).text
    assert "共 21 篇，第 1–20 篇" in first
    assert 'href="?paper=qingchuan-daily&amp;offset=20" rel="next"' in first
    second = client.get("/search", params={"paper": "qingchuan-daily", "offset": 20}).text
    assert 'href="?paper=qingchuan-daily&amp;offset=0" rel="prev"' in second
    assert "rel=\"next\"" not in second


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(max_size=60), paper=st.text(max_size=8), kind=st.text(max_size=6))
def test_no_query_a_visitor_can_type_is_a_500(client, q, paper, kind):
    for url in ("/api/search", "/search"):
        response = client.get(url, params={"q": q, "paper": paper, "kind": kind})
        assert response.status_code in (200, 400), (q, response.text[:200])
