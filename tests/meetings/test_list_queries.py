"""The meetings list and the tracker: the same queries on every page, whatever the size."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings.models import Directive
from tests.meetings.conftest import at

# Query counts of pages rendered from their parts; kept whole pages are pinned in
# tests/portal/test_kept_pages.py.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("rendered_pages")]


def page_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured]


@pytest.mark.parametrize("count", [25, 65])
def test_meeting_list_pages_make_the_same_queries(counted_client, make_meeting, count):
    for n in range(count):
        make_meeting(start=at(datetime.date(2025, 1, 1) + datetime.timedelta(days=n)))
    last = (count - 1) // 20 + 1
    first = page_queries(counted_client, reverse("meetings:list"))
    deep = page_queries(counted_client, reverse("meetings:list") + f"?page={last}")
    # Page 1 also asks for the upcoming meetings.
    assert len(first) == 2 and len(deep) == 1
    assert not any("COUNT(" in sql.upper() for sql in first + deep)
    # A list shows no minutes, which can be pages long: they are not read.
    assert not any('"minutes"' in sql for sql in first + deep)


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("meetings:calendar", {}),
        ("portal:site-map", {}),
        ("sitemap-section", {"section": "meetings"}),
    ],
)
def test_other_lists_of_meetings_leave_the_minutes_out(counted_client, make_meeting, name, kwargs):
    make_meeting(start=at(datetime.date(2025, 1, 1)))
    with CaptureQueriesContext(connection) as captured:  # the first request: nothing kept yet
        assert counted_client.get(reverse(name, kwargs=kwargs)).status_code == 200
    queries = [query["sql"] for query in captured]
    assert any("meetings_meeting" in sql for sql in queries)
    assert not any('"minutes"' in sql for sql in queries)


@pytest.mark.parametrize("count", [60, 160])
def test_tracker_pages_make_the_same_queries(counted_client, make_meeting, make_directive, count):
    meeting = make_meeting()
    for n in range(count):
        make_directive(meeting, deadline=datetime.date(2026, 1, 1) + datetime.timedelta(days=n))
    last = (count - 1) // 50 + 1
    first = page_queries(counted_client, reverse("meetings:directives"))
    deep = page_queries(counted_client, reverse("meetings:directives") + f"?page={last}")
    # The page's directives, their progress updates, the units for the filter (its years
    # are made ahead).
    assert len(first) == len(deep) == 3
    assert not any(
        "COUNT(" in sql.upper() or "CASE" in sql.upper().split("ORDER BY")[-1] for sql in deep
    )


def test_tracker_keeps_overdue_first_then_open_then_closed(counted_client, make_directive):
    today = timezone.localdate()
    done = make_directive(
        deadline=today - datetime.timedelta(days=9), status="done", completed_on=today
    )
    later = make_directive(deadline=today + datetime.timedelta(days=9))
    overdue = make_directive(deadline=today - datetime.timedelta(days=3))
    no_deadline = make_directive()
    shown = list(counted_client.get(reverse("meetings:directives")).context["directives"])
    assert shown == [overdue, later, no_deadline, done]
    assert Directive.objects.get(pk=done.pk).closed
