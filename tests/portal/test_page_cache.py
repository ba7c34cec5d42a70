import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from news.models import Article, Category
from portal.models import DailyVisits

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()


def publish(title):
    category = Category.objects.get(slug="hoat-dong-ban-chi-dao")
    return Article.objects.create(
        title=title,
        summary="Tóm tắt.",
        body="<p>Nội dung.</p>",
        category=category,
        status=Article.Status.PUBLISHED,
        publish_at=timezone.now() - datetime.timedelta(minutes=1),
    )


def test_an_anonymous_page_is_served_from_the_cache_without_queries(
    client, django_assert_num_queries
):
    client.get(reverse("news:list"))  # counts the visit, fills the cache
    with django_assert_num_queries(0):
        response = client.get(reverse("news:list"))
    assert response["X-Page-Cache"] == "hit"


def test_publishing_shows_at_once(client):
    client.get(reverse("news:list"))
    publish("Tin vừa đăng")
    response = client.get(reverse("news:list"))
    assert response["X-Page-Cache"] == "miss"
    assert "Tin vừa đăng" in response.content.decode()


def test_visits_are_counted_on_cached_pages(client):
    from django.test import Client

    client.get(reverse("portal:home"))
    Client().get(reverse("portal:home"))  # a second visitor gets the cached page
    assert DailyVisits.objects.get().count == 2


def test_the_first_visit_cookie_is_never_stored_in_the_cache(client):
    from django.test import Client

    first = client.get(reverse("portal:home"))
    assert "md_visit" in first.cookies
    newcomer = Client().get(reverse("portal:home"))
    assert newcomer["X-Page-Cache"] == "hit"
    assert "md_visit" in newcomer.cookies  # set for this visitor, not replayed from the cache
    returning = client.get(reverse("portal:home"))
    assert "md_visit" not in returning.cookies


def test_logged_in_staff_bypass_the_cache(client):
    client.get(reverse("news:list"))
    user = get_user_model().objects.create_user(
        "canbo", password="Mat-khau-dai-2026", is_staff=True
    )
    client.force_login(user)
    response = client.get(reverse("news:list"))
    assert "X-Page-Cache" not in response


def test_health_and_admin_are_never_cached(client):
    client.get(reverse("portal:healthz"))
    assert "X-Page-Cache" not in client.get(reverse("portal:healthz"))
    assert "X-Page-Cache" not in client.get("/quan-tri/login/")
