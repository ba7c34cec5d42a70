import datetime
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from meetings.models import Attendance, Directive, Meeting, Membership, Role

from .conftest import LOCAL, at

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def frozen(moment):
    """Patch Django's clock (timezone.localdate() reads it) to an aware moment."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


def state_of(directive):
    return Directive.objects.with_state().get(pk=directive.pk).state


def test_membership_on_a_date_gives_the_title_held_then(committee, make_member):
    """A person promoted later still shows the title held on the meeting date."""
    person = make_member(
        "Nguyễn Văn A",
        title="Phó Chủ tịch UBND xã",
        start=datetime.date(2024, 1, 1),
        end=datetime.date(2025, 12, 31),
    )
    Membership.objects.create(
        committee=committee,
        person=person,
        role=Role.HEAD,
        title="Chủ tịch UBND xã",
        start=datetime.date(2026, 1, 1),
    )
    on = Membership.objects.filter(person=person)
    assert on.on(datetime.date(2025, 12, 31)).get().title == "Phó Chủ tịch UBND xã"
    assert on.on(datetime.date(2026, 1, 1)).get().title == "Chủ tịch UBND xã"
    assert not on.on(datetime.date(2023, 6, 1)).exists()


def test_overdue_uses_the_local_date_not_utc(make_directive):
    """At 00:30 in Hồ Chí Minh on 02/03 (17:30 UTC on 01/03) a 01/03 deadline is overdue."""
    directive = make_directive(deadline=datetime.date(2026, 3, 1))
    with frozen(datetime.datetime(2026, 3, 1, 16, 59, tzinfo=UTC)):  # 23:59 local, 01/03
        assert timezone.localdate() == datetime.date(2026, 3, 1)
        assert not Directive.objects.overdue().exists()
    with frozen(datetime.datetime(2026, 3, 1, 17, 30, tzinfo=UTC)):  # 00:30 local, 02/03
        assert list(Directive.objects.overdue()) == [directive]
        assert state_of(directive) == Directive.State.OVERDUE


def test_deadline_today_is_not_overdue(make_directive):
    make_directive(deadline=datetime.date(2026, 3, 1))
    with frozen(datetime.datetime(2026, 3, 1, 2, 0, tzinfo=UTC)):
        assert not Directive.objects.overdue().exists()


def test_done_and_cancelled_are_never_overdue(make_directive):
    past = datetime.date(2020, 1, 1)
    make_directive(deadline=past, status="done", completed_on=past)
    make_directive(deadline=past, status="cancelled")
    assert not Directive.objects.overdue().exists()


def every_combination(make_directive, unit):
    """A directive for every status, deadline, completion and assignment (48)."""
    days = [None, datetime.date(2026, 2, 20), datetime.date(2026, 3, 1), datetime.date(2026, 3, 2)]
    made = []
    for status in Directive.Status.values:
        for deadline in days:
            for assigned in (None, unit):
                done_on = [None] if status != "done" else days[1:]
                for completed_on in done_on:
                    made.append(
                        make_directive(
                            status=status,
                            deadline=deadline,
                            unit=assigned,
                            completed_on=completed_on,
                        )
                    )
    return made


def test_a_directive_read_without_the_annotation_has_the_same_state(make_directive, unit):
    """Pages read rows without ``with_state()`` and work the state out in Python: the same
    answer as the database's for every status, deadline, completion and assignment, on the
    local date (00:30 on 02/03 in Hồ Chí Minh, still 01/03 in UTC)."""
    made = every_combination(make_directive, unit)
    with frozen(datetime.datetime(2026, 3, 1, 17, 30, tzinfo=UTC)):
        annotated = {
            d.pk: (d.state, d.is_overdue, d.is_late) for d in Directive.objects.with_state()
        }
        plain = {d.pk: (d.state, d.is_overdue, d.is_late) for d in Directive.objects.all()}
    assert plain == annotated
    assert {state for state, _, _ in plain.values()} == set(Directive.State.values)
    assert len(plain) == len(made) == 3 * 4 * 2 + 4 * 2 * 3  # open ones, done ones


def test_the_home_page_counts_agree_with_the_states(make_directive, unit):
    every_combination(make_directive, unit)
    with frozen(datetime.datetime(2026, 3, 1, 17, 30, tzinfo=UTC)):
        today = timezone.localdate()
        counts = Directive.objects.watch_counts(soon_days=7)
        # Each row works its state out on first use: while the clock is still set.
        rows = [(d, d.is_overdue, d.state) for d in Directive.objects.all()]
    soon = (today, today + datetime.timedelta(7))
    assert counts == {
        "overdue": sum(overdue for _d, overdue, _state in rows),
        "due_soon": sum(
            d.status in ("assigned", "in_progress")
            and d.deadline is not None
            and soon[0] <= d.deadline <= soon[1]
            for d, _overdue, _state in rows
        ),
        "unassigned": sum(state == Directive.State.UNASSIGNED for _d, _o, state in rows),
    }
    assert all(counts.values())


def test_done_after_the_deadline_reads_done_late(make_directive):
    late = make_directive(
        deadline=datetime.date(2026, 2, 1), status="done", completed_on=datetime.date(2026, 2, 5)
    )
    on_time = make_directive(
        deadline=datetime.date(2026, 2, 1), status="done", completed_on=datetime.date(2026, 2, 1)
    )
    assert state_of(late) == Directive.State.DONE_LATE
    assert Directive.State.DONE_LATE.label == "Hoàn thành trễ hạn"
    assert state_of(on_time) == Directive.State.DONE


def test_directive_without_unit_or_person_reads_unassigned(make_directive, unit):
    assert state_of(make_directive()) == Directive.State.UNASSIGNED
    assert state_of(make_directive(unit=unit)) == Directive.State.ASSIGNED


def test_done_needs_a_completion_date(make_meeting):
    directive = Directive(meeting=make_meeting(), text="Làm xong", status="done")
    with pytest.raises(ValidationError, match="cần có ngày hoàn thành"):
        directive.full_clean()


def test_published_minutes_need_an_approval_date(make_meeting):
    meeting = make_meeting(minutes="<p>Nội dung</p>", minutes_status="published")
    with pytest.raises(ValidationError, match="ngày duyệt"):
        meeting.full_clean()


def test_minutes_are_sanitised_on_save(make_meeting):
    meeting = make_meeting(
        minutes='<p onclick="x()">Nội dung<script>alert(1)</script></p><a href="javascript:x">a</a>'
    )
    meeting.refresh_from_db()
    assert "script" not in meeting.minutes and "onclick" not in meeting.minutes
    assert "javascript:" not in meeting.minutes
    assert "Nội dung" in meeting.minutes


def test_slug_keeps_d_from_vietnamese_title_and_stays_unique(make_meeting):
    first = make_meeting(title="Họp Ban Chỉ đạo")
    second = make_meeting(title="Họp Ban Chỉ đạo")
    assert first.slug == "hop-ban-chi-dao"
    assert second.slug == "hop-ban-chi-dao-2"


def test_held_and_upcoming(make_meeting):
    now = timezone.now()
    held = make_meeting()
    soon = make_meeting(status="planned", start=now + datetime.timedelta(days=3))
    make_meeting(status="cancelled", start=now + datetime.timedelta(days=5))
    assert list(Meeting.objects.held()) == [held]
    assert list(Meeting.objects.upcoming()) == [soon]


def test_session_of_a_meeting_without_exact_time(make_meeting):
    meeting = make_meeting(
        start=datetime.datetime(2026, 1, 15, 14, 0, tzinfo=LOCAL),
        time_of_day=Meeting.TimeOfDay.AFTERNOON,
    )
    assert meeting.session == "chiều" and not meeting.start_time_known
    assert make_meeting().session == ""


def test_attendance_takes_title_and_role_held_on_the_meeting_date(
    committee, make_meeting, make_member
):
    """Typed without a title, an attendee gets the membership title of the meeting date."""
    person = make_member(
        "Phạm Văn B", Role.MEMBER, "Công chức Tư pháp", end=datetime.date(2025, 12, 31)
    )
    Membership.objects.create(
        committee=committee,
        person=person,
        role=Role.DEPUTY,
        title="Phó Chủ tịch UBND xã",
        start=datetime.date(2026, 1, 1),
    )
    old = make_meeting(start=datetime.datetime(2025, 12, 31, 23, 30, tzinfo=LOCAL))
    new = make_meeting(start=datetime.datetime(2026, 1, 1, 0, 30, tzinfo=LOCAL))
    before = Attendance.objects.create(meeting=old, person=person)
    after = Attendance.objects.create(meeting=new, person=person)
    typed = Attendance.objects.create(meeting=make_meeting(), person=person, title="Gõ tay")
    assert (before.title, before.committee_role) == ("Công chức Tư pháp", Role.MEMBER)
    assert (after.title, after.committee_role) == ("Phó Chủ tịch UBND xã", Role.DEPUTY)
    assert typed.title == "Gõ tay"


def test_units_whose_names_slugify_alike_get_distinct_slugs(db):
    from meetings.models import Unit

    first = Unit.objects.create(name="Công an xã")
    second = Unit.objects.create(name="Cong an xa")
    assert (first.slug, second.slug) == ("cong-an-xa", "cong-an-xa-2")


def test_a_planned_afternoon_meeting_today_is_still_upcoming_in_the_evening(make_meeting):
    """A part of the day counts by its date: the afternoon meeting is ahead all day long."""
    today = datetime.date(2026, 3, 5)
    meeting = make_meeting(
        status=Meeting.Status.PLANNED,
        time_of_day=Meeting.TimeOfDay.AFTERNOON,
        start=at(today, 9),
    )
    evening = at(today, 21)
    assert list(Meeting.objects.upcoming(evening)) == [meeting]
    assert not Meeting.objects.not_upcoming(evening).exists()
    assert not Meeting.objects.upcoming(at(today + datetime.timedelta(days=1), 0, 30)).exists()


def test_a_part_of_the_day_is_stored_at_its_fixed_hour(make_meeting):
    meeting = make_meeting(
        time_of_day=Meeting.TimeOfDay.MORNING, start=at(datetime.date(2026, 3, 5), 16)
    )
    assert timezone.localtime(meeting.start).hour == 8 and meeting.session == "sáng"


def test_a_long_directive_is_shortened_after_a_whole_word(make_meeting):
    text = "Tiếp tục phát huy các kết quả chuyển đổi số đã đạt được trong năm 2025, " * 2
    directive = Directive.objects.create(meeting=make_meeting(), text=text)
    shown = str(directive)
    assert shown.endswith("…") and len(shown) <= 80
    assert text.startswith(shown[:-1]) and text[len(shown) - 1] in " ,"
