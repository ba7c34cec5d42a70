"""Two app hosts over one PostgreSQL, one Redis and one media folder tell the same truth."""

import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Sum

from news.models import Article
from portal.models import DailyVisits
from tests.news.factories import make_article
from tests.portal.servers import Visitor, database_url, gunicorn, redis_url
from tests.staff.forms import form_data

pytestmark = [pytest.mark.servers, pytest.mark.django_db(transaction=True)]

VISITORS = 60
PAGES_EACH = 5


@pytest.fixture
def hosts(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("two hosts share a PostgreSQL server")
    env = {
        "DATABASE_URL": database_url(connection.settings_dict),
        "CACHE_URL": redis_url(),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "SECRET_KEY": "khoa-bi-mat-chung-cua-hai-may-chu-trong-kiem-thu-0123456789",
        "PAGE_CACHE_SECONDS": "60",
    }
    log = tmp_path / "gunicorn.log"
    with gunicorn(env, log) as first, gunicorn(env, log) as second:
        yield first, second


def log_in(visitor, host):
    status, _headers, html = visitor.request(host + "/quan-tri/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
    fields = {"csrfmiddlewaretoken": token, "username": "quantri", "password": "Mat-khau-dai-2026"}
    status, headers, _html = visitor.request(host + "/quan-tri/login/?next=/quan-tri/", fields)
    assert status == 302 and headers["Location"] == "/quan-tri/"


def test_a_publish_a_login_and_the_counters_are_shared(hosts, settings):
    first, second = hosts
    # Hashed as the servers' settings can check it (the tests' own hasher is not there).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    get_user_model().objects.create_superuser("quantri", password="Mat-khau-dai-2026")
    draft = make_article("Tin đăng qua máy thứ nhất", status=Article.Status.DRAFT)
    reader = Visitor()
    reader.request(second + "/tin-tuc/")
    status, headers, html = reader.request(second + "/tin-tuc/")
    assert headers["X-Page-Cache"] == "hit" and "Tin đăng qua máy thứ nhất" not in html

    # A login on the first host is a login on the second.
    official = Visitor()
    log_in(official, first)
    status, _headers, html = official.request(second + "/quan-tri/")
    assert status == 200 and "quantri" in html

    # Published through the first host's admin: at once on the second, page cache included.
    change = f"{first}/quan-tri/news/article/{draft.pk}/change/"
    _status, _headers, html = official.request(change)
    status, _headers, _html = official.request(change, form_data(html, status="published"))
    assert status == 302
    status, headers, html = reader.request(second + "/tin-tuc/")
    assert headers["X-Page-Cache"] == "miss" and "Tin đăng qua máy thứ nhất" in html

    # New and returning visitors, each moving between the hosts.
    article = Article.objects.get(pk=draft.pk)
    paths = [article.get_absolute_url(), "/", "/tin-tuc/", article.get_absolute_url(), "/chi-so/"]
    visits_before = DailyVisits.objects.aggregate(total=Sum("count"))["total"]

    def browse(number):
        visitor, statuses = Visitor(), []
        for step, path in enumerate(paths[:PAGES_EACH]):
            host = (first, second)[(number + step) % 2]
            statuses.append(visitor.request(host + path)[0])
        return statuses

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = [s for result in pool.map(browse, range(VISITORS)) for s in result]
    seconds = time.monotonic() - started
    print(f"{len(statuses)} requests on two hosts in {seconds:.1f} s")
    assert statuses == [200] * VISITORS * PAGES_EACH
    visits = DailyVisits.objects.aggregate(total=Sum("count"))["total"] - visits_before
    article.refresh_from_db()
    assert (visits, article.view_count) == (VISITORS, VISITORS)
