"""Parts made ahead ({% fragment %}): never stale after an edit, on time, per host."""

import datetime

import pytest
from django.core.cache import cache
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from meetings.models import Committee, Directive, Meeting
from tests.news.factories import make_article, make_category

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted(client):
    client.cookies["md_visit"] = "1"
    return client


def test_renaming_a_category_re_renders_its_articles_cards(counted):
    category = make_category("Tin cũ")
    make_article("Bài một", category)
    assert ">Tin cũ</a>" in counted.get(reverse("news:list")).content.decode()
    category.name = "Tin mới"
    category.save()
    html = counted.get(reverse("news:list")).content.decode()
    assert ">Tin mới</a>" in html and ">Tin cũ</a>" not in html


def test_editing_an_article_re_renders_its_card(counted):
    article = make_article("Tiêu đề đầu", make_category())
    counted.get(reverse("news:list"))
    article.title = "Tiêu đề đã sửa"
    article.save()
    assert "Tiêu đề đã sửa" in counted.get(reverse("news:list")).content.decode()


def test_cards_are_the_same_from_an_empty_cache_and_without_one(counted, settings):
    make_article("Bài một", make_category())
    made = counted.get(reverse("news:list")).content
    kept = counted.get(reverse("news:list")).content
    cache.clear()
    again = counted.get(reverse("news:list")).content
    settings.PARTS_CACHE = False
    plain = counted.get(reverse("news:list")).content
    assert made == kept == again == plain


def test_a_directive_turns_overdue_at_midnight(counted, monkeypatch):
    today = timezone.localdate()
    committee = Committee.objects.create(name="Ban Chỉ đạo", slug="bcd")
    meeting = Meeting.objects.create(
        committee=committee, title="Họp", start=timezone.now(), status=Meeting.Status.HELD
    )
    Directive.objects.create(meeting=meeting, text="Làm báo cáo", deadline=today)
    overdue = "directive--overdue"
    assert overdue not in counted.get(reverse("meetings:directives")).content.decode()
    tomorrow = today + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    assert overdue in counted.get(reverse("meetings:directives")).content.decode()


def test_each_host_has_its_own_fragments():
    template = Template('{% load fragments %}{% fragment obj "x" %}{{ text }}{% endfragment %}')
    article = make_article("Bài", make_category())
    factory = RequestFactory()

    def render(host, text):
        request = factory.get("/", HTTP_HOST=host)
        return template.render(Context({"obj": article, "text": text, "request": request}))

    assert render("testserver", "một") == "một"
    assert render("testserver", "hai") == "một"  # kept for this host
    assert render("localhost", "ba") == "ba"
