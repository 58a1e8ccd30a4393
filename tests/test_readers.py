"""Readers: every supported format becomes the same Article; bad files get a reason."""
import json
from datetime import datetime
from pathlib import Path

import pytest

from readers import read_path
from readers.dates import parse_published

BODY = "Iraqi troops entered the Gogjali neighbourhood of Mosul on Tuesday, officers said."


def read_all(path: Path):
    return list(read_path(path, str(path)))


@pytest.mark.parametrize(
    "printed, expected",
    [
        ("Tue Nov 1, 2016 15:47:24", datetime(2016, 11, 1, 15, 47, 24)),
        ("Dec. 28, 2015", datetime(2015, 12, 28)),
        ("Published: 17 Nov 2016 - 03:34 pm", datetime(2016, 11, 17, 15, 34)),
        ("16.06.2017", datetime(2017, 6, 16)),
        ("Monday 07/November/2016 19:58 PM", datetime(2016, 11, 7, 19, 58)),
        ("25th August, 2016", datetime(2016, 8, 25)),
        ("2017-07-10T14:05:00Z", datetime(2017, 7, 10, 14, 5)),
        ("2017-07-10", datetime(2017, 7, 10)),
        ("November 1, 2016 / 3:47 PM / a year ago", datetime(2016, 11, 1)),
        ("Updated 0347 GMT (1147 HKT) November 1, 2016", datetime(2016, 11, 1)),
        ("First Published: November 1, 2016 15:47 IST", datetime(2016, 11, 1)),
        ("Last Modified: Tuesday 1 November 2016 - 15:47 EDT", datetime(2016, 11, 1)),
    ],
)
def test_printed_publication_dates_are_read(printed, expected):
    assert parse_published(printed) == expected


@pytest.mark.parametrize("not_a_date", ["Iraqi forces advance on Mosul", "", "12 killed in blast", "x" * 500,
                                        "Iraqi forces entered Mosul on November 1, 2016.",
                                        "Troops advanced on 1 November 2016"])
def test_lines_that_are_not_dates_are_not_taken_for_one(not_a_date):
    assert parse_published(not_a_date) is None


def test_text_article_with_date_and_url_lines(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(f"Troops enter Gogjali\n\nTue Nov 1, 2016 15:47:24\nhttps://news.example/a\n\n{BODY}\n", encoding="utf-8")
    [result] = read_all(f)
    a = result.article
    assert (a.title, a.published, a.url, a.body) == ("Troops enter Gogjali", datetime(2016, 11, 1, 15, 47, 24), "https://news.example/a", BODY)
    assert a.source == "news.example"


def test_text_article_without_date_keeps_its_first_body_line(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(f"Headline\n{BODY}\n", encoding="utf-8")
    [result] = read_all(f)
    assert result.article.published is None and result.article.body == BODY


def test_a_byline_between_headline_and_date_does_not_hide_the_date(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(f"Troops enter Gogjali\n\nBy Jane Doe and John Roe, Reuters\n\nNovember 1, 2016 / 3:47 PM / a year ago\n\n{BODY}\n",
                 encoding="utf-8")
    [result] = read_all(f)
    assert result.article.published == datetime(2016, 11, 1) and result.article.body == BODY


def test_a_date_printed_above_the_headline_is_read_as_the_date(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(f"1 November 2016\nTroops enter Gogjali\n\n{BODY}\n", encoding="utf-8")
    [result] = read_all(f)
    assert (result.article.title, result.article.published, result.article.body) == (
        "Troops enter Gogjali", datetime(2016, 11, 1), BODY)


def test_an_article_with_no_printed_date_takes_the_day_in_its_link(tmp_path):
    f = tmp_path / "a.json"
    f.write_text(json.dumps({"title": "Troops enter Gogjali", "url": "https://news.example/2016/11/01/gogjali",
                             "body": BODY}), encoding="utf-8")
    [result] = read_all(f)
    assert result.article.published == datetime(2016, 11, 1)


def test_same_story_twice_gets_one_id(tmp_path):
    (tmp_path / "a.txt").write_text(f"Headline\n1 Nov 2016\n\n{BODY}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"Headline\r\n1 Nov 2016\r\n\r\n{BODY}  \r\n", encoding="utf-8")
    [a], [b] = read_all(tmp_path / "a.txt"), read_all(tmp_path / "b.txt")
    assert a.article.id == b.article.id


def test_json_jsonl_and_csv_records_are_numbered(tmp_path):
    records = [{"title": "One", "published": "2016-11-01", "url": "https://x.example/1", "source": "X", "body": BODY},
               {"title": "Two", "published": "Dec. 28, 2015", "text": BODY + " Two."}]
    (tmp_path / "a.json").write_text(json.dumps(records), encoding="utf-8")
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    (tmp_path / "a.csv").write_text(
        "title,published,url,source,body\nOne,2016-11-01,https://x.example/1,X,\"" + BODY + "\"\n", encoding="utf-8")
    for name, count in (("a.json", 2), ("a.jsonl", 2), ("a.csv", 1)):
        results = read_all(tmp_path / name)
        assert [r.source_file for r in results] == [f"{tmp_path / name}#{i}" for i in range(1, count + 1)]
        assert all(r.error is None for r in results)
        assert results[0].article.title == "One" and results[0].article.source == "X"
        assert results[0].article.published == datetime(2016, 11, 1)


def test_a_bad_record_fails_alone(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_text('{"title": "ok", "body": "Some text."}\n{not json}\n{"title": "no body"}\n', encoding="utf-8")
    results = read_all(f)
    assert results[0].article is not None
    assert "malformed JSON" in results[1].error and "#2" in results[1].source_file
    assert "no 'body'" in results[2].error


def test_html_page_title_date_and_text(tmp_path):
    f = tmp_path / "page.html"
    f.write_text(
        "<html><head><title>Troops enter Gogjali</title>"
        '<meta property="article:published_time" content="2016-11-01T10:00:00Z"></head><body>'
        "<nav>Home | World</nav><article><h1>Troops enter Gogjali</h1>"
        f"<p>{BODY}</p><p>The advance came after two weeks of heavy fighting on the eastern front.</p>"
        "</article></body></html>", encoding="utf-8")
    [result] = read_all(f)
    a = result.article
    assert a.title == "Troops enter Gogjali" and a.published.date() == datetime(2016, 11, 1).date()
    assert BODY in a.body and "Home | World" not in a.body


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"\n \n", "empty file"),
        ("binary.txt", bytes(range(256)) * 10, "binary"),
        ("broken.json", b'{"title": "x", "body": ', "malformed JSON"),
        ("photo.jpg", b"\xff\xd8\xff", "unsupported file type"),
        ("headline-only.txt", b"Just a headline\n", "no body"),
    ],
)
def test_unreadable_files_are_named_with_a_reason(tmp_path, name, content, reason):
    f = tmp_path / name
    f.write_bytes(content)
    [result] = read_all(f)
    assert result.article is None and reason in result.error


def test_windows_1252_article_is_read(tmp_path):
    f = tmp_path / "cp1252.txt"
    f.write_bytes("Peshmerga reach Ba\u2019shiqah\n7 Nov 2016\n\nThe town\u2019s caf\u00e9 was shelled \u2013 twice.\n".encode("cp1252"))
    [result] = read_all(f)
    assert result.article.title == "Peshmerga reach Ba\u2019shiqah"
    assert "caf\u00e9" in result.article.body and "\u2013" in result.article.body


def test_file_over_the_size_limit_is_refused_naming_the_limit(tmp_path):
    f = tmp_path / "big.txt"
    f.write_text("Headline\n1 Nov 2016\n\n" + "word " * 400_000, encoding="utf-8")
    [result] = list(read_path(f, str(f), max_bytes=1024 * 1024))
    assert result.article is None and "1 MB limit" in result.error


def test_rss_feed_items_become_articles(tmp_path):
    f = tmp_path / "feed.rss"
    f.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Tigris Wire</title>'
        "<item><title>Troops enter Gogjali</title><link>https://tw.example/1</link>"
        "<pubDate>Tue, 01 Nov 2016 15:47:24 GMT</pubDate>"
        f"<description>&lt;p&gt;{BODY}&lt;/p&gt;</description></item></channel></rss>", encoding="utf-8")
    [result] = read_all(f)
    a = result.article
    assert (a.title, a.url, a.source, a.body) == ("Troops enter Gogjali", "https://tw.example/1", "Tigris Wire", BODY)
    assert a.published == datetime(2016, 11, 1, 15, 47, 24)
