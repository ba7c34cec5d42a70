"""Pages travel compressed to browsers that accept gzip, and plain to the others."""

import gzip

import brotli
import pytest
from django.urls import reverse

from tests.news.factories import make_article, make_category

pytestmark = pytest.mark.django_db


def test_a_page_is_sent_gzipped_and_varies_on_accept_encoding(client):
    make_article("Bài một", make_category())
    plain = client.get(reverse("news:list"))
    packed = client.get(reverse("news:list"), HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"] and "Accept-Encoding" in plain["Vary"]
    assert "Bài một" in gzip.decompress(packed.content).decode()
    assert len(packed.content) < len(plain.content) / 2


def test_cached_pages_are_sent_gzipped_too(client, settings):
    settings.PAGE_CACHE_SECONDS = 60
    client.cookies["md_visit"] = "1"
    first = client.get(reverse("portal:home"), HTTP_ACCEPT_ENCODING="gzip")
    again = client.get(reverse("portal:home"), HTTP_ACCEPT_ENCODING="gzip")
    plain = client.get(reverse("portal:home"))
    assert again["X-Page-Cache"] == "hit"
    assert first["Content-Encoding"] == again["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain and b"<html" in plain.content


def test_a_cached_page_is_compressed_once(client, settings, monkeypatch):
    from portal import compression

    settings.PAGE_CACHE_SECONDS = 60
    client.cookies["md_visit"] = "1"
    calls = []
    real = compression.compress_string
    monkeypatch.setattr(
        compression, "compress_string", lambda *a, **k: calls.append(1) or real(*a, **k)
    )
    answers = [client.get(reverse("portal:home"), HTTP_ACCEPT_ENCODING="gzip") for _ in range(4)]
    assert [answer["X-Page-Cache"] for answer in answers] == ["miss"] + ["hit"] * 3
    assert len({gzip.decompress(answer.content) for answer in answers}) == 1
    assert len(calls) == 1


def test_the_page_cache_keeps_one_packed_page_per_coding(client, settings):
    settings.PAGE_CACHE_SECONDS = 60
    client.cookies["md_visit"] = "1"
    url = reverse("portal:home")
    for coding in ("br", "gzip", ""):
        assert client.get(url, HTTP_ACCEPT_ENCODING=coding)["X-Page-Cache"] == "miss"
    packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    gzipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    plain = client.get(url)
    assert packed["X-Page-Cache"] == gzipped["X-Page-Cache"] == plain["X-Page-Cache"] == "hit"
    assert (packed["Content-Encoding"], gzipped["Content-Encoding"]) == ("br", "gzip")
    assert "Content-Encoding" not in plain
    body = plain.content
    assert brotli.decompress(packed.content) == gzip.decompress(gzipped.content) == body
    assert int(packed["Content-Length"]) == len(packed.content) < len(gzipped.content)


def test_a_browser_taking_brotli_gets_it_smaller_than_gzip(client):
    make_article("Bài một", make_category())
    url = reverse("news:list")
    packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    gzipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert packed["Content-Encoding"] == "br"
    assert "Bài một" in brotli.decompress(packed.content).decode()
    assert len(packed.content) < len(gzipped.content)


def test_a_page_with_a_csrf_token_keeps_padded_gzip(client):
    login = client.get(reverse("admin:login"), HTTP_ACCEPT_ENCODING="gzip, br")
    assert login.status_code == 200
    assert login["Content-Encoding"] == "gzip"
    assert b"csrfmiddlewaretoken" in gzip.decompress(login.content)


def test_a_cached_page_is_sent_in_brotli_compressed_once(client, settings, monkeypatch):
    from portal import compression

    settings.PAGE_CACHE_SECONDS = 60
    client.cookies["md_visit"] = "1"
    calls = []
    real = compression._packing
    monkeypatch.setattr(compression, "_packing", lambda *a: calls.append(1) or real(*a))
    answers = [client.get(reverse("portal:home"), HTTP_ACCEPT_ENCODING="br") for _ in range(4)]
    assert [answer["X-Page-Cache"] for answer in answers] == ["miss"] + ["hit"] * 3
    assert len({brotli.decompress(answer.content) for answer in answers}) == 1
    assert len(calls) == 1


def test_a_kept_page_is_packed_once_for_its_many_visitors(client, monkeypatch):
    from portal import compression

    make_article("Bài một", make_category())
    client.cookies["md_visit"] = "1"
    url = reverse("news:list")
    client.get(url, HTTP_ACCEPT_ENCODING="br")  # made and kept (page cache off)
    calls = []
    real = compression._packing
    monkeypatch.setattr(compression, "_packing", lambda *a: calls.append(1) or real(*a))
    answers = [client.get(url, HTTP_ACCEPT_ENCODING="br") for _ in range(3)]
    assert len({brotli.decompress(answer.content) for answer in answers}) == 1
    assert "Bài một" in brotli.decompress(answers[0].content).decode()
    assert len(calls) == 1
