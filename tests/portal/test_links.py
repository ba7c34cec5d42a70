"""Links say where they go and go there; feeds and calendars are named in plain words."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from meetings.demo import SEED_MEETING_SLUG
from meetings.models import Committee, Directive, Meeting

pytestmark = pytest.mark.django_db


def test_due_soon_count_on_home_opens_the_tracker_filtered_to_those_directives(client):
    committee = Committee.objects.create(name="Ban", slug="ban")
    meeting = Meeting.objects.create(
        committee=committee, title="Họp", start=timezone.now(), status=Meeting.Status.HELD
    )
    today = timezone.localdate()
    for text, days in [("Sắp đến hạn", 3), ("Còn lâu", 40), ("Đã quá hạn", -2)]:
        Directive.objects.create(
            meeting=meeting, text=text, deadline=today + datetime.timedelta(days=days)
        )
    home = client.get(reverse("portal:home")).content.decode()
    url = f"{reverse('meetings:directives')}?han=7"
    assert f'href="{url}"><strong>1</strong> đến hạn trong 7 ngày tới' in home
    tracker = client.get(url).content.decode()
    assert "Sắp đến hạn" in tracker
    assert "Còn lâu" not in tracker and "Đã quá hạn" not in tracker


def test_each_reviewed_figure_links_to_its_indicator(client, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("load_demo", stdout=io.StringIO())
    meeting = Meeting.objects.get(slug=SEED_MEETING_SLUG)
    html = client.get(meeting.get_absolute_url()).content.decode()
    figures = html[html.index('id="so-lieu"') :]
    assert reverse("indicators:detail", kwargs={"code": "ho-so-tiep-nhan"}) in figures
    assert reverse("indicators:year", kwargs={"year": 2025}) + '"' not in figures


def test_feeds_and_calendar_are_named_in_plain_words(client):
    html = client.get(reverse("portal:home")).content.decode()
    assert "Nhận tin mới (RSS)" in html and "Thêm lịch họp vào điện thoại" in html
    assert "iCalendar" not in html


def test_indicator_page_says_which_way_is_good(client):
    html = client.get(reverse("indicators:detail", kwargs={"code": "ho-so-tiep-nhan"})).content
    assert "Hướng tốt" in html.decode() and "Chiều tốt" not in html.decode()


def test_dashboard_reading_notes_speak_only_of_the_page(client, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("load_demo", stdout=io.StringIO())
    html = client.get(reverse("indicators:year", kwargs={"year": 2025})).content.decode()
    assert "tren" not in html.split('id="ghi-chu"')[1]
