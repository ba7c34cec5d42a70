import datetime
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal.middleware import VISIT_COOKIE
from portal.models import DailyVisits, SiteIdentity


@pytest.mark.django_db
def test_first_visit_counts_and_sets_a_30_minute_cookie(client):
    response = client.get(reverse("portal:home"))
    assert DailyVisits.objects.get().count == 1
    cookie = response.cookies[VISIT_COOKIE]
    assert cookie["max-age"] == 1800 and cookie["httponly"]


@pytest.mark.django_db
def test_returning_visitor_causes_no_database_write(client):
    with CaptureQueriesContext(connection) as first:
        client.get(reverse("portal:home"))
    with CaptureQueriesContext(connection) as again:
        response = client.get(reverse("portal:home"))
    writes = [q["sql"] for q in again if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))]
    assert writes == []
    assert len(again) < len(first)
    assert VISIT_COOKIE not in response.cookies
    assert DailyVisits.objects.get().count == 1


@pytest.mark.django_db
def test_assets_admin_and_robots_are_not_counted(client):
    client.get(reverse("portal:healthz"))
    client.get("/quan-tri/login/")
    client.get("/chi-so/2025.xlsx")
    client.get("/tin-tuc/rss/")
    client.get(reverse("portal:home"), HTTP_USER_AGENT="Googlebot/2.1")
    assert not DailyVisits.objects.exists()


@pytest.mark.django_db
def test_footer_shows_today_month_and_total_formatted():
    today = timezone.localdate()
    DailyVisits.objects.create(day=today, count=1233)
    DailyVisits.objects.create(day=today.replace(day=1) - datetime.timedelta(days=1), count=5000)
    SiteIdentity.objects.update(visits_before_launch=1_228_333)
    html = Client().get(reverse("portal:home")).content.decode()
    # 1233 + this visit; the total adds the previous month and the old portal's count.
    assert "<dt>Hôm nay</dt><dd>1.234</dd>" in html
    assert "<dt>Tổng lượt truy cập</dt><dd>1.234.567</dd>" in html
    assert "<dt>Tháng này</dt><dd>1.234</dd>" in html


@pytest.mark.django_db(transaction=True)
def test_no_visit_is_lost_under_concurrent_requests():
    """Twenty new visitors at once make exactly twenty visits (run on PostgreSQL in CI)."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("an in-memory SQLite database is one connection; PostgreSQL runs this")

    def visit(_):
        try:
            return Client().get(reverse("portal:home")).status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=10) as pool:
        statuses = list(pool.map(visit, range(20)))
    assert statuses == [200] * 20
    assert DailyVisits.objects.get().count == 20
