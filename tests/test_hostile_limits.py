"""Size limits and bombs: a file over the limit is refused with a message that names the limit,
archives are not unpacked, a page with a huge element count or a feed with entity expansion
does not blow up memory, uploads are checked, and parser faults found by the property tests
stay named per-file errors. (Retry of a fixed file: tests/test_cli.py.)"""
from __future__ import annotations

import base64
import gzip
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from analysis.ingest_jobs import MAX_FILE_BYTES, UploadRejected, decode_upload
from readers import read_path
from readers.html import MAX_TREE_SIZE

ROOT = Path(__file__).resolve().parents[1]
GOOD_ARTICLE = ("Iraqi forces retake Bartella\n2016-10-20\n\n"
                "Iraqi special forces entered Bartella on Thursday, the army said.\n")


def only_result(path: Path):
    results = list(read_path(path, path.name))
    assert len(results) == 1
    return results[0]


def run_python(code: str, *args: str, timeout: float = 120, env: dict[str, str] | None = None) -> dict:
    """Run `code` in a fresh interpreter (so its peak memory is its own) and read its JSON answer."""
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=timeout,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


READ_AND_MEASURE = """
import json, resource, sys
from pathlib import Path
from readers import read_path
import readers.html, readers.feed  # imported before the baseline: their import is not the file's cost
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
results = [(r.error, r.article.title if r.article else None, r.article.body if r.article else None)
           for r in read_path(Path(sys.argv[1]), sys.argv[1])]
grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
print(json.dumps({"results": results, "grown_mb": grown}))
"""


# ---- size limits ------------------------------------------------------------------------------

def test_a_file_over_the_limit_is_refused_naming_the_limit_and_how_to_raise_it(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(GOOD_ARTICLE + "x" * 3 * 2**20, encoding="utf-8")
    assert only_result(big).article is not None  # under the default 10 MB
    results = list(read_path(big, big.name, max_bytes=2**20))
    assert results[0].article is None
    assert "over the 1 MB limit" in results[0].error and "FRONTLINE_MAX_FILE_MB" in results[0].error


def test_the_file_limit_is_read_from_the_environment(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(GOOD_ARTICLE * 15_000, encoding="utf-8")  # about 1.4 MB
    read = ("import json, sys; from pathlib import Path; from readers import read_path;"
            "print(json.dumps({'errors': [r.error for r in read_path(Path(sys.argv[1]), 'page.txt')]}))")
    assert run_python(read, str(page)) == {"errors": [None]}
    [error] = run_python(read, str(page), env={"FRONTLINE_MAX_FILE_MB": "1"})["errors"]
    assert "over the 1 MB limit" in error


def test_uploads_over_the_limit_or_of_other_types_are_refused_with_the_limit_named():
    too_big = "data:text/plain;base64," + base64.b64encode(b"a" * (MAX_FILE_BYTES + 1)).decode()
    with pytest.raises(UploadRejected, match=rf"over the {MAX_FILE_BYTES // 2**20} MB limit"):
        decode_upload("article.txt", too_big)
    with pytest.raises(UploadRejected, match=r"only .*\.txt"):
        decode_upload("archive.zip", "data:application/zip;base64," + base64.b64encode(b"PK").decode())
    with pytest.raises(UploadRejected, match="could not be read"):
        decode_upload("article.txt", "data:text/plain;base64,@@@not base64@@@")


# ---- archives and bombs -----------------------------------------------------------------------

def test_a_zip_file_is_refused_as_unsupported_not_unpacked(tmp_path):
    archive = tmp_path / "articles.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.txt", GOOD_ARTICLE)
        z.writestr("bomb.txt", "0" * 50 * 2**20)  # 50 MB of zeros, about 50 kB packed
    result = only_result(archive)
    assert result.article is None and "unsupported file type '.zip'" in result.error


def test_a_gzip_bomb_saved_as_html_is_refused_without_unpacking(tmp_path):
    bomb = tmp_path / "page.html"
    bomb.write_bytes(gzip.compress(b"<p>" + b"A" * 200 * 2**20 + b"</p>", compresslevel=9))
    answer = run_python(READ_AND_MEASURE, str(bomb))
    [(error, _, _)] = answer["results"]
    assert error == "binary file, not text"
    assert answer["grown_mb"] < 50


@pytest.fixture(scope="module")
def element_bomb(tmp_path_factory) -> dict:
    """A page just over the element limit, read in a fresh interpreter."""
    page = tmp_path_factory.mktemp("bomb") / "many.html"
    count = MAX_TREE_SIZE + 10_000
    page.write_text("<html><head><title>Many</title></head><body>" + "<p>Mosul fell.</p>" * count + "</body></html>",
                    encoding="utf-8")
    return run_python(READ_AND_MEASURE, str(page), timeout=300)


def test_a_page_with_a_huge_element_count_is_refused_without_memory_blow_up(element_bomb):
    [(error, _, _)] = element_bomb["results"]
    assert error
    assert element_bomb["grown_mb"] < 256, f"reading a 4 MB page grew memory by {element_bomb['grown_mb']:.0f} MB"


def test_a_page_with_a_huge_element_count_is_refused_naming_the_limit(element_bomb):
    [(error, _, _)] = element_bomb["results"]
    assert f"{MAX_TREE_SIZE:,}" in error


def test_a_deeply_nested_page_reads_without_escaping(tmp_path):
    page = tmp_path / "nested.html"
    page.write_text("<html><body>" + "<div>" * 100_000 + "Iraqi forces entered Mosul." + "</div>" * 100_000
                    + "</body></html>", encoding="utf-8")
    result = only_result(page)
    assert (result.article is None) != (result.error is None)


def billion_laughs(levels: int = 9) -> str:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels + 1)]
    return ('<?xml version="1.0"?>\n<!DOCTYPE rss [' + "".join(entities) + ']>\n'
            f'<rss version="2.0"><channel><title>Laughs</title><item><title>&lol{levels};</title>'
            f'<description>Iraqi forces entered Mosul. &lol{levels};</description></item></channel></rss>')


def test_a_feed_with_entity_expansion_does_not_expand(tmp_path):
    feed = tmp_path / "laughs.xml"
    feed.write_text(billion_laughs(), encoding="utf-8")
    answer = run_python(READ_AND_MEASURE, str(feed))
    for error, title, body in answer["results"]:
        assert error or (len(title or "") < 10_000 and len(body or "") < 10_000)
    assert answer["grown_mb"] < 100, f"a 1 kB feed grew memory by {answer['grown_mb']:.0f} MB"


DEEP_JSON = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize("suffix, content", [(".json", DEEP_JSON), (".jsonl", '{"body": ' + DEEP_JSON + "}\n")])
def test_deeply_nested_json_is_a_named_error(tmp_path, suffix, content):
    path = tmp_path / f"deep{suffix}"
    path.write_text(content, encoding="utf-8")
    results = list(read_path(path, path.name))
    assert results and all(r.article is None and r.error for r in results)


@pytest.mark.parametrize("suffix", [".atom", ".rss", ".xml"])
def test_an_out_of_range_character_reference_in_a_feed_is_a_named_error(tmp_path, suffix):
    """Found by the property tests: feedparser raised ValueError out of read_path."""
    feed = tmp_path / f"feed{suffix}"
    feed.write_bytes(b"<>&#1114112;")
    assert only_result(feed).error


def test_a_page_whose_root_is_an_svg_is_a_named_error(tmp_path):
    """Found by the property tests: lxml asserted inside trafilatura's date search."""
    page = tmp_path / "page.html"
    page.write_text("<svg><html>", encoding="utf-8")
    assert only_result(page).error


@pytest.mark.parametrize("name, content", [("empty.json", b"[]"), ("empty-articles.json", b'{"articles": []}'),
                                           ("header-only.csv", b"title,body\r\n"), ("bom-only.jsonl", b"\xef\xbb\xbf")])
def test_an_export_with_no_records_is_named(tmp_path, name, content):
    """Found by the property tests: such a file was neither read nor listed in failures."""
    path = tmp_path / name
    path.write_bytes(content)
    results = list(read_path(path, path.name))
    assert len(results) == 1 and results[0].error
