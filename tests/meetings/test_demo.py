import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from meetings.demo import SEED_MEETING_SLUG
from meetings.models import Attendance, Directive, Meeting, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    for _ in range(2):
        call_command("load_demo", stdout=io.StringIO())


def test_demo_is_idempotent_and_names_only_the_seed_people(demo):
    assert Meeting.objects.filter(slug=SEED_MEETING_SLUG).count() == 1
    assert set(Person.objects.values_list("full_name", flat=True)) == {
        "Trần Văn Phương",
        "Lưu Quốc Nhật",
        "Huỳnh Văn Minh",
    }
    titles = dict(Attendance.objects.values_list("person__full_name", "title"))
    assert titles == {
        "Trần Văn Phương": "Bí thư Đảng ủy xã, Trưởng Ban Chỉ đạo",
        "Lưu Quốc Nhật": "Phó Bí thư Thường trực Đảng ủy, Phó Trưởng Ban Chỉ đạo",
        "Huỳnh Văn Minh": (
            "Phó Bí thư Đảng ủy, Chủ tịch UBND xã, Phó Trưởng Ban Chỉ đạo thường trực"
        ),
    }


def test_demo_meeting_has_no_invented_place_hour_units_or_deadlines(demo):
    meeting = Meeting.objects.get(slug=SEED_MEETING_SLUG)
    assert (
        meeting.place == ""
        and meeting.time_of_day == Meeting.TimeOfDay.AFTERNOON
        and meeting.reviewed_year == 2025
    )
    assert meeting.agenda_items.count() == 2 and meeting.issues.count() == 2
    assert meeting.directives.count() == 3
    assert not Directive.objects.filter(unit__isnull=False).exists()
    assert not Directive.objects.filter(deadline__isnull=False).exists()


def test_demo_pages_read_well_with_unassigned_directives(demo, client):
    html = client.get(reverse("meetings:directives")).content.decode()
    assert html.count('badge--warn">Chưa phân công') == 3 and "badge--bad" not in html
    page = client.get(reverse("meetings:detail", args=[SEED_MEETING_SLUG])).content.decode()
    assert "Chiều Thứ Năm, 15/01/2026" in page and "Có mặt 3/3" in page
    assert "Nghị quyết số 57-NQ/TW" in page and "2.945" in page


def test_demo_meeting_lists_the_article_and_figures_that_cite_it(demo, client):
    """Reached through the other apps' own links (`articles`, `indicator_values`)."""
    meeting = Meeting.objects.get(slug=SEED_MEETING_SLUG)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Tin bài về cuộc họp" in page and "Số liệu được cuộc họp xem xét" in page
    for article in meeting.articles.published():
        assert article.get_absolute_url() in page
