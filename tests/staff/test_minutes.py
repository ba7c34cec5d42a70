"""Minutes: Lãnh đạo approves, then Thư ký or Lãnh đạo publishes approved minutes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Directive, Meeting
from staff import roles

from . import objects
from .forms import form_data

pytestmark = pytest.mark.django_db
Minutes = Meeting.MinutesStatus
TEXT = "<p>Biên bản cuộc họp.</p>"


def change(client, meeting, **changes):
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    return client.post(url, form_data(client.get(url).content.decode(), **changes))


def act(client, meeting, action):
    data = {"action": action, "index": 0, "_selected_action": [meeting.pk]}
    return client.post(reverse("admin:meetings_meeting_changelist"), data)


def status(meeting):
    return Meeting.objects.get(pk=meeting.pk).minutes_status


def approved_meeting():
    return objects.meeting(
        minutes=TEXT,
        minutes_status=Minutes.APPROVED,
        minutes_approved_at=datetime.date(2026, 1, 16),
    )


def test_a_secretary_is_not_offered_approval_and_cannot_post_it(client_as):
    secretary = client_as(roles.SECRETARY)
    meeting = objects.meeting(minutes=TEXT)
    page = secretary.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    assert '<option value="approved"' not in page.content.decode()
    response = change(secretary, meeting, minutes_status="approved")
    assert response.status_code == 200 and "errornote" in response.content.decode()
    act(secretary, meeting, "approve_minutes")
    assert status(meeting) == Minutes.DRAFT


def test_a_secretary_cannot_publish_minutes_not_yet_approved(client_as):
    secretary = client_as(roles.SECRETARY)
    meeting = objects.meeting(minutes=TEXT)
    change(secretary, meeting, minutes_status="published", minutes_approved_at="16/01/2026")
    act(secretary, meeting, "publish_minutes")
    assert status(meeting) == Minutes.DRAFT


def test_a_secretary_publishes_approved_minutes(client_as):
    secretary = client_as(roles.SECRETARY)
    meeting = approved_meeting()
    assert change(secretary, meeting, minutes_status="published").status_code == 302
    assert status(meeting) == Minutes.PUBLISHED
    assert Meeting.objects.get(pk=meeting.pk).minutes_public


def test_approved_text_changes_only_through_a_new_approval(client_as):
    secretary = client_as(roles.SECRETARY)
    meeting = approved_meeting()
    response = change(secretary, meeting, minutes="<p>Biên bản đã sửa.</p>")
    assert response.status_code == 200 and "Lãnh đạo duyệt lại" in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).minutes == TEXT
    back = change(secretary, meeting, minutes="<p>Biên bản đã sửa.</p>", minutes_status="draft")
    assert back.status_code == 302 and status(meeting) == Minutes.DRAFT


def test_a_secretary_may_edit_the_rest_of_a_meeting_with_approved_minutes(client_as):
    secretary = client_as(roles.SECRETARY)
    meeting = approved_meeting()
    assert change(secretary, meeting, place="Hội trường UBND xã").status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).place == "Hội trường UBND xã"


def test_a_leader_approves_then_publishes_with_the_list_actions(client_as):
    leader = client_as(roles.LEADER)
    meeting = objects.meeting(minutes=TEXT)
    act(leader, meeting, "approve_minutes")
    approved = Meeting.objects.get(pk=meeting.pk)
    assert approved.minutes_status == Minutes.APPROVED
    assert approved.minutes_approved_at == timezone.localdate()
    assert meeting.history.latest("history_date").history_user == leader.user
    act(leader, meeting, "publish_minutes")
    assert status(meeting) == Minutes.PUBLISHED


def test_empty_minutes_are_not_approved(client_as):
    leader = client_as(roles.LEADER)
    meeting = objects.meeting()
    act(leader, meeting, "approve_minutes")
    assert status(meeting) == Minutes.DRAFT


def test_a_secretary_reverting_to_published_minutes_does_not_republish(client_as):
    secretary, leader = client_as(roles.SECRETARY), client_as(roles.LEADER)
    meeting = objects.meeting(minutes=TEXT)
    act(leader, meeting, "approve_minutes")
    act(leader, meeting, "publish_minutes")
    published = meeting.history.latest("history_date")
    change(secretary, meeting, minutes_status="draft", minutes="<p>Bản sửa.</p>")
    url = reverse("admin:meetings_meeting_simple_history", args=[meeting.pk, published.history_id])
    response = secretary.post(url, form_data(secretary.get(url).content.decode()))
    assert response.status_code == 200
    assert status(meeting) == Minutes.DRAFT


def test_due_within_lists_open_directives_overdue_or_due_soon():
    today = datetime.date(2026, 11, 20)
    for text, deadline, state in (
        ("quá hạn", datetime.date(2026, 11, 19), Directive.Status.ASSIGNED),
        ("hôm nay", today, Directive.Status.IN_PROGRESS),
        ("sau 7 ngày", datetime.date(2026, 11, 27), Directive.Status.ASSIGNED),
        ("sau 8 ngày", datetime.date(2026, 11, 28), Directive.Status.ASSIGNED),
        ("đã hủy", datetime.date(2026, 11, 19), Directive.Status.CANCELLED),
        ("không hạn", None, Directive.Status.ASSIGNED),
    ):
        objects.directive(text=text, deadline=deadline, status=state)
    due = Directive.objects.due_within(7, today)
    assert [d.text for d in due] == ["quá hạn", "hôm nay", "sau 7 ngày"]
    assert [d.is_overdue for d in due] == [True, False, False]
