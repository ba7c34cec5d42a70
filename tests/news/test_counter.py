import threading

import pytest
from django.db import connection, connections
from django.test import Client

from news.models import Article
from portal.counting import WINDOW_SECONDS
from tests.news.factories import make_article


@pytest.mark.django_db
def test_a_visitor_counts_once_per_article_within_thirty_minutes(client, category):
    article = make_article(category=category)
    for _ in range(3):
        assert client.get(article.get_absolute_url()).status_code == 200
    article.refresh_from_db()
    assert article.view_count == 1


@pytest.mark.django_db
def test_each_visitor_counts(category):
    article = make_article(category=category)
    for _ in range(3):
        Client().get(article.get_absolute_url())
    article.refresh_from_db()
    assert article.view_count == 3


@pytest.mark.django_db
def test_a_visitor_counts_again_after_the_window(client, category, monkeypatch):
    import portal.counting

    article = make_article(category=category)
    client.get(article.get_absolute_url())
    real_time = portal.counting.time.time
    monkeypatch.setattr(portal.counting.time, "time", lambda: real_time() + WINDOW_SECONDS + 1)
    client.get(article.get_absolute_url())
    article.refresh_from_db()
    assert article.view_count == 2


@pytest.mark.django_db
def test_page_shows_the_count_including_this_view(client, category):
    article = make_article(category=category, view_count=41)
    assert "Lượt xem: 42" in client.get(article.get_absolute_url()).content.decode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks")
def test_concurrent_views_lose_no_increment(category):
    """Twenty visitors at once: twenty more views, none lost between read and write."""
    article = make_article(category=category)
    visitors, errors = 20, []
    barrier = threading.Barrier(visitors)

    def visit():
        try:
            barrier.wait()
            assert Client().get(article.get_absolute_url()).status_code == 200
        except Exception as exc:  # collected and reported by the test thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=visit) for _ in range(visitors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Article.objects.get(pk=article.pk).view_count == visitors
