import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators.models import Indicator, Value
from meetings.models import Directive, Meeting
from news.models import Article
from staff import roles, worklist

from . import objects

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 20)
HOME = reverse("admin:index")


def titles(user, today=TODAY):
    return {s.title: [item.title for item in s.items] for s in worklist.for_user(user, today)}


@pytest.fixture
def desk():
    """One thing waiting in each part of the workflow, and one that is not."""
    objects.article(title="Bài chờ duyệt", status=Article.Status.REVIEW)
    objects.article(title="Bài nháp", status=Article.Status.DRAFT)
    objects.article(
        title="Bài trả lại", status=Article.Status.RETURNED, return_reason="Thiếu nguồn."
    )
    objects.meeting(title="Họp có biên bản dự thảo", minutes="<p>Biên bản.</p>")
    objects.meeting(title="Họp chưa có biên bản")
    objects.meeting(
        title="Họp có biên bản đã duyệt",
        minutes="<p>Biên bản.</p>",
        minutes_status=Meeting.MinutesStatus.APPROVED,
        minutes_approved_at=datetime.date(2026, 1, 16),
    )
    for text, deadline, status in (
        ("Kết luận quá hạn", datetime.date(2026, 11, 1), Directive.Status.ASSIGNED),
        ("Kết luận đến hạn sau 7 ngày", datetime.date(2026, 11, 27), Directive.Status.IN_PROGRESS),
        ("Kết luận đến hạn sau 8 ngày", datetime.date(2026, 11, 28), Directive.Status.ASSIGNED),
        ("Kết luận đã xong", datetime.date(2026, 11, 1), Directive.Status.DONE),
        ("Kết luận không có hạn", None, Directive.Status.ASSIGNED),
    ):
        completed = datetime.date(2026, 10, 30) if status == Directive.Status.DONE else None
        objects.directive(text=text, deadline=deadline, status=status, completed_on=completed)


def test_a_reviewer_sees_articles_waiting_for_review(official, desk):
    lists = titles(official(roles.REVIEWER))
    assert lists == {"Bài viết chờ duyệt": ["Bài chờ duyệt"]}


def test_an_editor_sees_her_returned_articles(official, desk):
    assert titles(official(roles.EDITOR)) == {"Bài viết bị trả lại để sửa": ["Bài trả lại"]}


def test_a_secretary_sees_minutes_to_publish_and_directives_due(official, desk):
    lists = titles(official(roles.SECRETARY))
    assert lists == {
        "Biên bản đã duyệt, chờ công bố": ["Họp có biên bản đã duyệt"],
        "Kết luận chỉ đạo quá hạn hoặc đến hạn trong 7 ngày": [
            "Kết luận quá hạn",
            "Kết luận đến hạn sau 7 ngày",
        ],
    }


def test_a_leader_sees_minutes_to_approve_and_publish_directives_and_figures(official, desk):
    lists = titles(official(roles.LEADER))
    assert lists["Biên bản chờ duyệt"] == ["Họp có biên bản dự thảo"]
    assert lists["Biên bản đã duyệt, chờ công bố"] == ["Họp có biên bản đã duyệt"]
    assert "Chỉ số năm 2025 chưa có số liệu công bố" in lists
    assert not any("Bài viết" in title for title in lists)


def test_a_data_clerk_sees_last_years_indicators_without_a_published_figure(official):
    entered = Indicator.objects.filter(computation=Indicator.Computation.ENTERED)
    done, unpublished, *_rest = entered
    Value.objects.create(indicator=done, year=2025, value=Decimal(1), is_published=True)
    Value.objects.create(indicator=unpublished, year=2025, value=Decimal(1))
    Value.objects.create(indicator=unpublished, year=2024, value=Decimal(1), is_published=True)
    sections = worklist.for_user(official(roles.DATA_CLERK), TODAY)
    assert [s.title for s in sections] == ["Chỉ số năm 2025 chưa có số liệu công bố"]
    names = {item.title for item in sections[0].items}
    assert sections[0].count == entered.count() - 1
    assert unpublished.name in names and done.name not in names
    [draft] = [item for item in sections[0].items if item.title == unpublished.name]
    value = Value.objects.get(indicator=unpublished, year=2025)
    assert draft.note == "đã nhập, chưa công bố"
    assert draft.url == reverse("admin:indicators_value_change", args=[value.pk])
    assert all(not indicator.is_rate for indicator in Indicator.objects.filter(name__in=names))


def test_overdue_directives_are_marked_in_words(official, desk):
    sections = worklist.for_user(official(roles.SECRETARY), TODAY)
    overdue = sections[-1].items[0]
    assert overdue.overdue and overdue.note == "quá hạn từ 01/11/2026"
    assert sections[-1].items[1].note == "hạn 27/11/2026"


def test_the_admin_home_shows_the_work_list(client_as, desk):
    client = client_as(roles.REVIEWER)
    text = client.get(HOME).content.decode()
    assert "Việc cần làm" in text and "Bài viết chờ duyệt: 1" in text and "Bài chờ duyệt" in text


def test_a_role_with_nothing_waiting_is_told_so(client_as):
    text = client_as(roles.REVIEWER).get(HOME).content.decode()
    assert "Không có bài nào chờ duyệt." in text


def home_queries(client):
    client.get(HOME)  # the layout's data made ahead for this content version
    with CaptureQueriesContext(connection) as queries:
        assert client.get(HOME).status_code == 200
    return len(queries)


def test_the_home_page_query_count_does_not_grow_with_the_work(client_as, desk):
    client = client_as(roles.LEADER)
    few = home_queries(client)
    for _ in range(15):
        objects.article(status=Article.Status.REVIEW)
        objects.meeting(minutes="<p>Biên bản.</p>")
        objects.directive(deadline=datetime.date(2020, 1, 1))
    assert home_queries(client) == few


def test_a_long_list_shows_ten_and_links_to_all(client_as):
    for _ in range(12):
        objects.article(status=Article.Status.REVIEW)
    client = client_as(roles.REVIEWER)
    [section] = worklist.for_user(client.user)
    assert (len(section.items), section.count) == (10, 12)
    text = client.get(HOME).content.decode()
    assert "Bài viết chờ duyệt: 12" in text and "Xem tất cả 12 mục" in text


def test_directives_dated_before_their_meeting_are_listed_for_the_secretary(official):
    meeting = objects.meeting(title="Họp tháng 3")
    Directive.objects.create(
        meeting=meeting, text="Kết luận ghi hạn cũ", deadline=datetime.date(2000, 1, 1)
    )
    assert titles(official(roles.SECRETARY))["Kết luận có ngày trước ngày họp"] == [
        "Kết luận ghi hạn cũ"
    ]
    assert "Kết luận có ngày trước ngày họp" not in titles(official(roles.LEADER))


def test_leaders_and_administrators_are_told_which_contact_fields_are_empty(official):
    from portal.models import SiteIdentity

    SiteIdentity.objects.update(owner_agency="Ủy ban nhân dân xã Minh Đức")
    for role in (roles.LEADER, roles.ADMINISTRATOR):
        lists = titles(official(role))
        assert lists["Thông tin liên hệ cổng còn thiếu"] == [
            "Người chịu trách nhiệm",
            "Địa chỉ",
            "Điện thoại",
            "Thư điện tử",
        ]
    assert "Thông tin liên hệ cổng còn thiếu" not in titles(official(roles.SECRETARY))


def test_the_contact_section_empties_once_every_field_is_filled(official):
    from portal.models import SiteIdentity

    SiteIdentity.objects.update(
        owner_agency="UBND xã", responsible_person="A", address="B", phone="1", email="a@b.vn"
    )
    assert titles(official(roles.ADMINISTRATOR))["Thông tin liên hệ cổng còn thiếu"] == []
