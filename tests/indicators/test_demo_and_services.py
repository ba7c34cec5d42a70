from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from indicators import demo
from indicators.figures import headline
from indicators.models import Qualifier, Target, Value
from meetings import demo as meetings_demo
from meetings.demo import SEED_MEETING_SLUG
from tests.communes.helpers import first_commune
from tests.sitemaps import whole_sitemap

from .conftest import FakeCommand, put

pytestmark = pytest.mark.django_db

EXPECTED = {
    "can-bo-dung-van-ban-dien-tu": ("100", ""),
    "ho-so-so-hoa-khi-tiep-nhan": ("100", ""),
    "ho-so-tiep-nhan": ("2945", ""),
    "ho-so-truc-tuyen": ("1688", ""),
    "ho-so-dung-han": ("98", Qualifier.ABOVE),
    "dan-co-tai-khoan-vneid": ("91.24", ""),
    "to-cong-nghe-so-cong-dong": ("19", ""),
    "can-bo-co-may-tinh": ("100", ""),
}


def test_demo_adds_the_seed_figures_linked_to_the_meeting_and_runs_twice():
    meetings_demo.load(FakeCommand())
    demo.load(FakeCommand())
    demo.load(FakeCommand())
    values = Value.objects.select_related("indicator", "source_meeting")
    assert values.count() == len(EXPECTED)
    for value in values:
        number, qualifier = EXPECTED[value.indicator.code]
        assert (value.year, value.value, value.qualifier) == (2025, Decimal(number), qualifier)
        assert value.is_published and value.source_meeting.slug == SEED_MEETING_SLUG


def test_demo_invents_no_history_and_no_targets(seed):
    assert set(Value.objects.values_list("year", flat=True)) == {2025}
    assert not Target.objects.exists()


def test_meeting_lists_the_figures_it_reviewed():
    meetings_demo.load(FakeCommand())
    demo.load(FakeCommand())
    from meetings.models import Meeting

    meeting = Meeting.objects.get(slug=SEED_MEETING_SLUG)
    assert meeting.indicator_values.count() == len(EXPECTED)


def test_headline_gives_the_latest_year_in_fixed_queries(seed, django_assert_num_queries):
    codes = ["ho-so-tiep-nhan", "ty-le-ho-so-truc-tuyen", "dan-co-tai-khoan-vneid"]
    commune = first_commune()
    with django_assert_num_queries(4):
        year, figures = headline(commune, codes)
        shown = [f.display for f in figures]
    assert year == 2025 and shown == ["2.945", "57,32%", "91,24%"]
    for old in range(2015, 2025):
        put("ho-so-tiep-nhan", old, 1000)
    with django_assert_num_queries(4):
        headline(commune, codes)


def test_headline_ignores_unpublished_years(seed):
    put("ho-so-tiep-nhan", 2026, 10, published=False)
    assert headline(first_commune(), ["ho-so-tiep-nhan"])[0] == 2025


def test_headline_without_figures(db):
    assert headline(first_commune(), ["ho-so-tiep-nhan"]) == (None, [])


def test_sitemap_lists_published_years_and_indicator_pages(client, seed):
    put("ho-so-tiep-nhan", 2024, 100, published=False)
    xml = whole_sitemap(client)
    assert reverse("indicators:year", kwargs={"year": 2025}) in xml
    assert reverse("indicators:year", kwargs={"year": 2024}) not in xml
    assert reverse("indicators:detail", kwargs={"code": "ho-so-tiep-nhan"}) in xml


def test_staff_without_view_permission_see_only_published(client, seed):
    user = get_user_model().objects.create_user("khach", password="mat-khau-dai-1", is_staff=True)
    client.force_login(user)
    put("dan-co-tai-khoan-vneid", 2025, "91.24", published=False)
    html = client.get(reverse("indicators:year", kwargs={"year": 2025})).content.decode()
    assert "91,24%" not in html


def test_detail_hides_unpublished_from_the_public_and_marks_it_for_staff(
    client, staff_client, seed
):
    put("to-cong-nghe-so-cong-dong", 2025, 19, published=False)
    url = reverse("indicators:detail", kwargs={"code": "to-cong-nghe-so-cong-dong"})
    from django.test import Client

    public = Client().get(url).content.decode()
    assert "Chưa có số liệu được công bố cho chỉ số này." in public
    assert "Chưa công bố" in staff_client.get(url).content.decode()
