"""The content version: a full or forgetful cache never brings back a page from before a save."""

import random
from unittest import mock

import pytest
from django.core.cache import cache, caches
from django.db import transaction
from django.test import Client

from portal import page_cache
from tests.communes.helpers import first_commune
from tests.portal.test_page_cache import publish

pytestmark = pytest.mark.django_db

LIMIT = 20


def minh_duc_version_key():
    return page_cache.version_key(f"commune-{first_commune().pk}")


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()


@pytest.fixture(params=["filebased", "locmem"])
def small_cache(request, settings, tmp_path):
    settings.PAGE_CACHE_SECONDS = 60
    settings.CACHES = {
        "default": {
            "BACKEND": f"django.core.cache.backends.{request.param}."
            + {"filebased": "FileBasedCache", "locmem": "LocMemCache"}[request.param],
            "LOCATION": str(tmp_path / "cache") if request.param == "filebased" else "small",
            "OPTIONS": {"MAX_ENTRIES": LIMIT, "CULL_FREQUENCY": 2},
        }
    }
    cache.clear()
    # The file cache culls files at random: the same draw on every run.
    random.seed(2026)
    yield
    cache.clear()


def test_saves_between_bursts_of_traffic_never_bring_back_an_old_page(small_cache):
    visitor = Client()  # a returning visitor: every page it sees is cacheable
    visitor.get("/")
    for save in range(15):
        publish(f"Bản tin số {save:02d}")
        home = visitor.get("/").content.decode()
        assert f"Bản tin số {save:02d}" in home, f"trang cũ sau lần lưu {save}"
        # Traffic to more addresses than the cache holds: it culls what it holds.
        for n in range(LIMIT // 2 + save % 7):
            visitor.get(f"/khong-co-trang-nay-{save}-{n}/")


@pytest.mark.usefixtures("page_cache_on")
def test_a_forgotten_version_never_revives_the_pages_of_an_older_one(client):
    """What an eviction, a restart or a flush of the cache does to the version key alone."""
    client.get("/")
    client.get("/")  # the home page as it was, cached
    publish("Tin sau khi lưu")
    assert "Tin sau khi lưu" in client.get("/").content.decode()
    cache.delete(minh_duc_version_key())
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Tin sau khi lưu" in response.content.decode()


@pytest.mark.usefixtures("page_cache_on")
def test_a_cached_page_costs_two_cache_reads_and_no_write(client):
    client.get("/")
    client.get("/")
    backend = caches["default"]
    with (
        mock.patch.object(backend, "get", wraps=backend.get) as get,
        mock.patch.object(backend, "add", wraps=backend.add) as add,
        mock.patch.object(backend, "set", wraps=backend.set) as set_,
    ):
        assert client.get("/")["X-Page-Cache"] == "hit"
    assert get.call_count == 3  # the host's commune, the version, then the page
    assert add.call_count == set_.call_count == 0


@pytest.mark.usefixtures("page_cache_on")
def test_a_page_cached_before_the_save_commits_is_dropped_at_the_commit(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        publish("Tin trong giao dịch")
        # Another visitor, served before the commit, would have read the old content.
        client.get("/")
        during = cache.get(minh_duc_version_key())
    assert cache.get(minh_duc_version_key()) != during
    assert client.get("/")["X-Page-Cache"] == "miss"
