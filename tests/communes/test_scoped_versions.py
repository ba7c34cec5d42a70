"""One commune's edits remake its own kept pages and the province's, never another commune's."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from communes.models import HostName, Province
from indicators.models import Indicator, Value
from news.models import Article, Category
from tests.communes.conftest import OTHER_HOST
from tests.communes.helpers import first_commune

pytestmark = pytest.mark.django_db

PROVINCE_HOST = "tinh.example"


@pytest.fixture
def province(data_hosts):
    province = Province.objects.create(name="tỉnh Thử Nghiệm")
    HostName.objects.create(name=PROVINCE_HOST, province=province)
    return province


def publish(commune, title):
    return Article.objects.create(
        commune=commune,
        title=title,
        summary="Tóm tắt.",
        body="<p>Nội dung.</p>",
        category=Category.objects.for_commune(commune).get(slug="hoat-dong-ban-chi-dao"),
        status=Article.Status.PUBLISHED,
        publish_at=timezone.now() - datetime.timedelta(minutes=1),
    )


def made_again(visitor, path, host):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as made:
        response = visitor.get(path, HTTP_HOST=host)
    assert response.status_code == 200
    return len(made) > 0


def test_a_commune_s_save_leaves_another_commune_s_pages_kept(returning, other_commune):
    publish(first_commune(), "Tin xã đầu")
    publish(other_commune, "Tin xã thử")
    for host in ("testserver", OTHER_HOST):
        returning.get("/tin-tuc/", HTTP_HOST=host)
    publish(other_commune, "Tin mới của xã thử")
    assert not made_again(returning, "/tin-tuc/", "testserver")
    assert made_again(returning, "/tin-tuc/", OTHER_HOST)
    page = returning.get("/tin-tuc/", HTTP_HOST=OTHER_HOST).content.decode()
    assert "Tin mới của xã thử" in page


def test_a_commune_s_page_cache_outlives_another_commune_s_save(returning, other_commune, settings):
    settings.PAGE_CACHE_SECONDS = 60
    for host in ("testserver", OTHER_HOST):
        returning.get("/", HTTP_HOST=host)
    publish(other_commune, "Tin mới của xã thử")
    assert returning.get("/", HTTP_HOST="testserver")["X-Page-Cache"] == "hit"
    answer = returning.get("/", HTTP_HOST=OTHER_HOST)
    assert answer["X-Page-Cache"] == "miss"
    assert "Tin mới của xã thử" in answer.content.decode()


def test_a_shared_row_remakes_every_commune_s_pages(returning, other_commune):
    for host in ("testserver", OTHER_HOST):
        returning.get("/chi-so/", HTTP_HOST=host)
    indicator = Indicator.objects.get(code="ho-so-tiep-nhan")
    indicator.name = "Hồ sơ đã tiếp nhận (tên mới)"
    indicator.save()
    for host in ("testserver", OTHER_HOST):
        assert made_again(returning, "/chi-so/", host)


def test_the_province_page_is_remade_on_any_commune_s_figure(returning, other_commune, province):
    year = timezone.localdate().year - 1
    returning.get(f"/?nam={year}", HTTP_HOST=PROVINCE_HOST)
    assert not made_again(returning, f"/?nam={year}", PROVINCE_HOST)
    Value.objects.create(
        commune=other_commune,
        indicator=Indicator.objects.get(code="ho-so-tiep-nhan"),
        year=year,
        value=Decimal(321),
        is_published=True,
    )
    assert made_again(returning, f"/?nam={year}", PROVINCE_HOST)
    assert "321" in returning.get(f"/?nam={year}", HTTP_HOST=PROVINCE_HOST).content.decode()
