import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from meetings.models import AgendaItem, Attendance, DirectiveUpdate, Issue, Meeting, Person, Role
from tests.sitemaps import whole_sitemap

from .conftest import at

pytestmark = pytest.mark.django_db


def fill(meeting, size):
    """`size` attendees, agenda items, difficulties and directives (each with two updates)."""
    for i in range(size):
        person = Person.objects.create(full_name=f"Người {i}")
        Attendance.objects.create(
            meeting=meeting, person=person, title=f"Chức vụ {i}", committee_role=Role.MEMBER
        )
        AgendaItem.objects.create(meeting=meeting, order=i, title=f"Mục {i}", presenter=person)
        Issue.objects.create(meeting=meeting, order=i, text=f"Khó khăn {i}")
        directive = meeting.directives.create(order=i, text=f"Kết luận {i}", person=person)
        for day in (1, 2):
            DirectiveUpdate.objects.create(
                directive=directive, date=datetime.date(2026, 2, day), note="Đang làm"
            )


def test_meeting_list_shows_upcoming_first_then_years(counted_client, make_meeting):
    make_meeting(title="Họp năm 2025", start=at(datetime.date(2025, 6, 1)))
    make_meeting(title="Họp năm 2026", start=at(datetime.date(2026, 1, 15)))
    make_meeting(
        title="Họp sắp tới", status="planned", start=timezone.now() + datetime.timedelta(days=7)
    )
    html = counted_client.get(reverse("meetings:list")).content.decode()
    assert html.index("Họp sắp tới") < html.index("Năm 2026") < html.index("Năm 2025")
    assert "Năm 2.026" not in html


@pytest.mark.usefixtures("rendered_pages")
@pytest.mark.parametrize("size", [2, 12])
def test_meeting_list_query_count_is_constant(
    counted_client, make_meeting, django_assert_num_queries, size
):
    for _ in range(size):
        make_meeting()
    counted_client.get(reverse("meetings:list"))  # the count and page index made ahead
    # page, upcoming
    with django_assert_num_queries(2):
        assert counted_client.get(reverse("meetings:list")).status_code == 200


@pytest.mark.usefixtures("rendered_pages")
@pytest.mark.parametrize("size", [3, 15])
def test_meeting_page_query_count_is_constant(
    counted_client, make_meeting, django_assert_num_queries, size
):
    meeting = make_meeting()
    fill(meeting, size)
    # meeting, attendances, agenda, issues, directives, updates, attachments,
    # articles and figures that cite it, documents issued and reviewed there, layout (2)
    with django_assert_num_queries(13):
        response = counted_client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    assert f"Người {size - 1}" in response.content.decode()


def test_attendees_grouped_in_role_order_with_present_count(counted_client, make_meeting):
    meeting = make_meeting()
    for name, role, presence in [
        ("Đặng Văn Thành viên", Role.MEMBER, "present"),
        ("Zương Thị Trưởng", Role.HEAD, "present"),
        ("Bùi Văn Phó", Role.STANDING_DEPUTY, "excused"),
    ]:
        Attendance.objects.create(
            meeting=meeting,
            person=Person.objects.create(full_name=name),
            committee_role=role,
            presence=presence,
            absence_reason="Đi khám bệnh" if presence == "excused" else "",
        )
    html = counted_client.get(meeting.get_absolute_url()).content.decode()
    assert html.index("Zương Thị Trưởng") < html.index("Bùi Văn Phó") < html.index("Đặng Văn")
    assert "Có mặt 2/3" in html


def test_excused_reason_is_never_public(counted_client, make_meeting):
    meeting = make_meeting(minutes="<p>Biên bản</p>", minutes_status="published")
    meeting.minutes_approved_at = datetime.date(2026, 1, 20)
    meeting.save()
    Attendance.objects.create(
        meeting=meeting,
        person=Person.objects.create(full_name="Người vắng"),
        presence="excused",
        absence_reason="Lý do riêng tư",
    )
    for url in (meeting.get_absolute_url(), reverse("meetings:minutes", args=[meeting.slug])):
        html = counted_client.get(url).content.decode()
        assert "Người vắng" in html and "Lý do riêng tư" not in html


def test_unpublished_minutes_are_hidden(counted_client, make_meeting, admin_client):
    meeting = make_meeting(minutes="<p>Nội dung biên bản mật</p>", minutes_status="approved")
    html = counted_client.get(meeting.get_absolute_url()).content.decode()
    assert "Nội dung biên bản mật" not in html
    print_url = reverse("meetings:minutes", args=[meeting.slug])
    assert counted_client.get(print_url).status_code == 404
    staff_view = admin_client.get(print_url).content.decode()
    assert "Nội dung biên bản mật" in staff_view and "DỰ THẢO" in staff_view


def test_published_minutes_show_with_print_link(counted_client, make_meeting):
    meeting = make_meeting(
        minutes="<p>Nội dung biên bản</p>",
        minutes_status="published",
        minutes_approved_at=datetime.date(2026, 1, 20),
    )
    html = counted_client.get(meeting.get_absolute_url()).content.decode()
    assert "Nội dung biên bản" in html and "Duyệt ngày 20/01/2026" in html
    printed = counted_client.get(reverse("meetings:minutes", args=[meeting.slug]))
    assert printed.status_code == 200 and "DỰ THẢO" not in printed.content.decode()


def test_empty_fields_are_left_out(counted_client, make_meeting):
    meeting = make_meeting(time_of_day=Meeting.TimeOfDay.AFTERNOON)
    html = counted_client.get(meeting.get_absolute_url()).content.decode()
    assert "Địa điểm" not in html and "Chủ trì" not in html
    assert "Chiều Thứ Năm, 15/01/2026" in html and "14:00" not in html


def test_unknown_meeting_is_404(counted_client):
    assert counted_client.get(reverse("meetings:detail", args=["khong-co"])).status_code == 404


def test_calendar_parses_back_with_local_time_zone(client, make_meeting):
    meeting = make_meeting(
        title="Họp quý I", place="Hội trường", start=at(datetime.date(2026, 3, 5), 8, 30)
    )
    make_meeting(status="cancelled")
    response = client.get(reverse("meetings:calendar"))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    event = next(e for e in events if str(e["summary"]) == "Họp quý I")
    start = event.decoded("dtstart")
    assert start == meeting.start and str(start.tzinfo) == "Asia/Ho_Chi_Minh"
    assert start.hour == 8 and start.minute == 30
    assert event["dtstart"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert str(event["location"]) == "Hội trường"
    assert str(event["url"]).endswith(meeting.get_absolute_url())
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    assert {str(e["status"]) for e in events} == {"CONFIRMED", "CANCELLED"}


def test_calendar_gives_a_whole_day_when_only_the_session_is_known(client, make_meeting):
    make_meeting(time_of_day=Meeting.TimeOfDay.AFTERNOON, start=at(datetime.date(2026, 1, 15), 14))
    event = Calendar.from_ical(client.get(reverse("meetings:calendar")).content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == datetime.date(2026, 1, 15)
    assert str(event["summary"]).endswith("(buổi chiều)")


def test_a_whole_day_meeting_reads_ca_ngay(counted_client, make_meeting):
    meeting = make_meeting(time_of_day=Meeting.TimeOfDay.ALL_DAY)
    html = counted_client.get(meeting.get_absolute_url()).content.decode()
    assert "Cả ngày Thứ Năm, 15/01/2026" in html


def test_committee_page_lists_current_members_in_role_order_and_past_apart(
    counted_client, make_member
):
    make_member("Đỗ Văn Thành viên", Role.MEMBER, "Công chức Văn phòng")
    make_member("Trần Văn Trưởng", Role.HEAD, "Bí thư Đảng ủy xã, Trưởng Ban Chỉ đạo")
    make_member(
        "Lê Văn Cũ",
        Role.MEMBER,
        "Nguyên Phó Chủ tịch",
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2024, 12, 31),
    )
    html = counted_client.get(reverse("meetings:committee")).content.decode()
    assert html.index("Trần Văn Trưởng") < html.index("Đỗ Văn Thành viên")
    assert html.index("Thành viên qua các thời kỳ") < html.index("Lê Văn Cũ")
    assert "đến 31/12/2024" in html


@pytest.mark.parametrize("size", [2, 10])
def test_committee_page_query_count_is_constant(
    counted_client, make_member, django_assert_num_queries, size
):
    for i in range(size):
        make_member(f"Thành viên {i}", title=f"Chức vụ {i}")
        make_member(f"Người cũ {i}", start=datetime.date(2020, 1, 1), end=datetime.date(2021, 1, 1))
    # current members, past members, layout (2)
    with django_assert_num_queries(4):
        assert counted_client.get(reverse("meetings:committee")).status_code == 200


def test_sitemap_lists_meetings_and_pages(client, make_meeting):
    meeting = make_meeting()
    xml = whole_sitemap(client)
    assert meeting.get_absolute_url() in xml
    assert reverse("meetings:directives") in xml and reverse("meetings:committee") in xml


def test_meeting_page_needs_no_other_app():
    """Without news, indicators and documents linking to meetings, the lists are empty."""
    from types import SimpleNamespace

    from meetings.related import reports_and_figures

    assert reports_and_figures(SimpleNamespace()) == {
        "articles": [],
        "figures": [],
        "documents_issued": [],
        "documents_reviewed": [],
    }


@pytest.mark.django_db
def test_meeting_page_shows_the_figures_it_reviewed_with_their_values(client, demo):
    from meetings.demo import SEED_MEETING_SLUG

    html = client.get(reverse("meetings:detail", args=[SEED_MEETING_SLUG])).content.decode()
    assert "Hồ sơ tiếp nhận 2025</a>: 2.945" in html
    assert ": 91,24%" in html and ": trên 98%" in html
