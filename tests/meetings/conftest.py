import datetime
import itertools
import zoneinfo

import pytest

from meetings.models import Committee, Directive, Meeting, Membership, Person, Role, Unit

LOCAL = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
_numbers = itertools.count(1)


def at(day, hour=14, minute=0):
    """An aware datetime in Asia/Ho_Chi_Minh."""
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LOCAL)


@pytest.fixture
def committee(db):
    return Committee.objects.create(name="Ban Chỉ đạo xã Minh Đức", slug="ban-chi-dao")


@pytest.fixture
def make_meeting(committee):
    def make(**fields):
        n = next(_numbers)
        fields.setdefault("title", f"Họp Ban Chỉ đạo số {n}")
        fields.setdefault("start", at(datetime.date(2026, 1, 15)))
        fields.setdefault("status", Meeting.Status.HELD)
        return Meeting.objects.create(committee=committee, **fields)

    return make


@pytest.fixture
def make_member(committee):
    def make(name, role=Role.MEMBER, title="", **fields):
        person = Person.objects.create(full_name=name)
        Membership.objects.create(
            committee=committee, person=person, role=role, title=title, **fields
        )
        return person

    return make


@pytest.fixture
def make_directive(make_meeting):
    def make(meeting=None, **fields):
        fields.setdefault("text", f"Kết luận số {next(_numbers)}")
        return Directive.objects.create(meeting=meeting or make_meeting(), **fields)

    return make


@pytest.fixture
def unit(db):
    return Unit.objects.create(name="Ủy ban nhân dân xã Minh Đức")


@pytest.fixture
def counted_client(client):
    """A client already counted as a visitor, so the visit counter adds no write to a page."""
    client.cookies["md_visit"] = "1"
    return client
