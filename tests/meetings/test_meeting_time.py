"""The meeting's start as officials know it: an hour as they write it, or a part of the day."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.forms import HourField
from meetings.models import Meeting

from .test_admin import ADD, meeting_form, people  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("14h", (14, 0)),
        ("14h30", (14, 30)),
        ("14H30", (14, 30)),
        ("14 giờ", (14, 0)),
        ("14 giờ 30", (14, 30)),
        ("14 giờ 30 phút", (14, 30)),
        ("14:30", (14, 30)),
        ("8g15", (8, 15)),
        ("7.30", (7, 30)),
        ("14", (14, 0)),
    ],
)
def test_hours_are_read_as_officials_write_them(typed, expected):
    assert HourField(required=False).clean(typed) == datetime.time(*expected)


@pytest.mark.parametrize("typed", ["25h", "14h75", "chiều", "14-30", "2pm"])
def test_a_wrong_hour_says_how_to_write_it(typed):
    with pytest.raises(Exception) as error:
        HourField(required=False).clean(typed)
    assert "ví dụ 14h, 14h30, 14 giờ hoặc 14:30" in str(error.value)


def test_an_afternoon_without_hour_is_saved_as_chieu(admin_client, committee, people):  # noqa: F811
    data = meeting_form(committee, people, start_date="15/01/2026", start_hour="")
    data["time_of_day"] = "afternoon"
    response = admin_client.post(ADD, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    meeting = Meeting.objects.get()
    assert meeting.time_of_day == Meeting.TimeOfDay.AFTERNOON
    assert timezone.localdate(meeting.start) == datetime.date(2026, 1, 15)
    page = admin_client.get(meeting.get_absolute_url()).content.decode()
    assert "Chiều Thứ Năm, 15/01/2026" in page


def test_neither_hour_nor_part_of_day_asks_for_one(admin_client, committee, people):  # noqa: F811
    data = meeting_form(committee, people, start_hour="", time_of_day="exact")
    response = admin_client.post(ADD, data)
    assert response.status_code == 200 and not Meeting.objects.exists()
    errors = response.context["adminform"].form.errors["start_hour"]
    assert errors == [
        "Nhập giờ bắt đầu (ví dụ 14h30) hoặc chọn buổi họp (sáng, chiều, tối, cả ngày)."
    ]
    # Nothing typed is lost: the rows come back filled in.
    html = response.content.decode()
    assert "Kết luận gõ tay 1" in html and "Khó khăn gõ tay" in html


def test_an_hour_outside_the_chosen_part_is_refused(admin_client, committee, people):  # noqa: F811
    data = meeting_form(committee, people, start_hour="8h", time_of_day="afternoon")
    response = admin_client.post(ADD, data)
    assert "08:00 không thuộc buổi chiều" in response.content.decode()


def test_an_hour_typed_as_14h_is_an_exact_start(admin_client, committee, people):  # noqa: F811
    response = admin_client.post(ADD, meeting_form(committee, people, start_hour="14h"))
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.start_time_known
    assert timezone.localtime(meeting.start).strftime("%d/%m/%Y %H:%M") == "05/01/2026 14:00"
    form = admin_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    assert 'value="14:00"' in form.content.decode()
