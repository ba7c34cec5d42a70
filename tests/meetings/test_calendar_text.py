import datetime

from django.urls import reverse
from icalendar import Calendar

from .conftest import at

TYPED = '=HYPERLINK("http://evil.example/","Bấm"); <img src=x onerror=alert(1)>, a\\b'


def test_calendar_carries_typed_text_exactly(client, make_meeting):
    """iCalendar TEXT is plain text: a formula or markup comes back as typed, nothing added."""
    meeting = make_meeting(
        title=TYPED, place="=cmd|' /C calc'!A0", summary=TYPED, start=at(datetime.date(2026, 3, 5))
    )
    event = Calendar.from_ical(client.get(reverse("meetings:calendar")).content).walk("VEVENT")[0]
    assert str(event["summary"]) == TYPED
    assert str(event["location"]) == "=cmd|' /C calc'!A0"
    url = str(event["url"])
    assert url.endswith(meeting.get_absolute_url())
    assert str(event["description"]) == f"{TYPED}\n\n{url}"
