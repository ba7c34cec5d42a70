import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from meetings.demo import SEED_MEETING_SLUG
from meetings.models import Attendance, Meeting, Membership, Person, Role

pytestmark = pytest.mark.django_db

SEED_ORDER = ["Trần Văn Phương", "Lưu Quốc Nhật", "Huỳnh Văn Minh"]


def positions(html, names):
    return [html.index(name) for name in names]


def test_demo_committee_page_and_attendance_follow_the_seed_order(client, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("load_demo", stdout=io.StringIO())
    committee = client.get(reverse("meetings:committee")).content.decode()
    assert positions(committee, SEED_ORDER) == sorted(positions(committee, SEED_ORDER))
    meeting = Meeting.objects.get(slug=SEED_MEETING_SLUG)
    page = client.get(meeting.get_absolute_url()).content.decode()
    attendance = page[page.index('id="thanh-phan"') :]
    assert positions(attendance, SEED_ORDER) == sorted(positions(attendance, SEED_ORDER))


def test_the_order_an_official_sets_beats_the_role(client, make_member):
    deputy = make_member("Bùi Văn Phó", Role.STANDING_DEPUTY)
    make_member("Đặng Văn Thứ", Role.DEPUTY)
    Membership.objects.filter(person=deputy).update(order=3)
    Membership.objects.exclude(person=deputy).update(order=2)
    html = client.get(reverse("meetings:committee")).content.decode()
    assert html.index("Đặng Văn Thứ") < html.index("Bùi Văn Phó")


def test_attendance_takes_the_member_order_and_guests_come_after(make_member, make_meeting):
    head = make_member("Trần Văn Trưởng", Role.HEAD)
    deputy = make_member("Lê Văn Phó", Role.STANDING_DEPUTY)
    Membership.objects.filter(person=head).update(order=2)
    Membership.objects.filter(person=deputy).update(order=1)
    meeting = make_meeting()
    guest = Person.objects.create(full_name="Khách Mời")
    for person in (guest, head, deputy):
        Attendance.objects.create(meeting=meeting, person=person)
    assert Attendance.objects.get(person=deputy).order == 1
    names = [a.person.full_name for a in meeting.attendances.in_role_order()]
    assert names == ["Lê Văn Phó", "Trần Văn Trưởng", "Khách Mời"]


def test_admin_lets_an_official_set_the_order(admin_client, make_member, make_meeting):
    make_member("Trần Văn Trưởng", Role.HEAD)
    meeting = make_meeting()
    committee_form = admin_client.get(
        reverse("admin:meetings_committee_change", args=[meeting.committee_id])
    ).content.decode()
    assert 'name="memberships-0-order"' in committee_form
    meeting_form = admin_client.get(
        reverse("admin:meetings_meeting_change", args=[meeting.pk])
    ).content.decode()
    assert 'name="attendances-__prefix__-order"' in meeting_form
