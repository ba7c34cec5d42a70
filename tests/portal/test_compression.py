"""Pages travel compressed to browsers that accept gzip, and plain to the others."""

import gzip

import pytest
from django.urls import reverse

from tests.news.factories import make_article, make_category

pytestmark = pytest.mark.django_db


def test_a_page_is_sent_gzipped_and_varies_on_accept_encoding(client):
    make_article("Bài một", make_category())
    plain = client.get(reverse("news:list"))
    packed = client.get(reverse("news:list"), HTTP_ACCEPT_ENCODING="gzip, deflate, br")
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
    client.get(reverse("portal:home"), HTTP_ACCEPT_ENCODING="gzip")  # kept by the page cache
    calls = []
    real = compression.compress_string
    monkeypatch.setattr(
        compression, "compress_string", lambda *a, **k: calls.append(1) or real(*a, **k)
    )
    bodies = {
        gzip.decompress(client.get(reverse("portal:home"), HTTP_ACCEPT_ENCODING="gzip").content)
        for _ in range(3)
    }
    assert len(calls) == 1 and len(bodies) == 1
