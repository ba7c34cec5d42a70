import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Committee, Directive, Meeting
from news.models import Article, Category

pytestmark = pytest.mark.django_db


def test_home_joins_news_meetings_directives_and_figures(client, demo):
    html = client.get(reverse("portal:home")).content.decode()
    assert "Chỉ số chuyển đổi số năm 2025" in html
    for figure in ("57,32%", "trên 98%", "91,24%", "2.945"):
        assert figure in html
    assert "đánh giá kết quả năm 2025" in html  # the demo article and meeting
    assert "chưa phân công đơn vị thực hiện" in html
    assert reverse("indicators:year", args=[2025]) in html


def test_home_counts_overdue_and_due_soon_directives(client):
    committee = Committee.objects.create(name="Ban Chỉ đạo", slug="bcd")
    meeting = Meeting.objects.create(
        committee=committee,
        title="Họp",
        start=timezone.now() - datetime.timedelta(days=30),
        status=Meeting.Status.HELD,
    )
    today = timezone.localdate()
    for days in (-3, -1):
        Directive.objects.create(
            meeting=meeting, text="Quá hạn", deadline=today + datetime.timedelta(days)
        )
    Directive.objects.create(
        meeting=meeting, text="Sắp đến hạn", deadline=today + datetime.timedelta(5)
    )
    Directive.objects.create(
        meeting=meeting, text="Còn xa", deadline=today + datetime.timedelta(40)
    )
    Directive.objects.create(
        meeting=meeting,
        text="Đã xong",
        deadline=today - datetime.timedelta(2),
        status=Directive.Status.DONE,
        completed_on=today - datetime.timedelta(3),
    )
    context = client.get(reverse("portal:home")).context
    assert context["directives"]["overdue"] == 2
    assert context["directives"]["due_soon"] == 1


def test_home_hides_unpublished_news(client):
    category = Category.objects.create(name="Tin", slug="tin")
    Article.objects.create(title="Bản nháp bí mật", summary="x", body="<p>x</p>", category=category)
    assert "Bản nháp bí mật" not in client.get(reverse("portal:home")).content.decode()


def test_home_reads_well_on_an_empty_install(client):
    html = client.get(reverse("portal:home")).content.decode()
    assert "Chưa có tin nào được đăng." in html and "Chưa có cuộc họp nào." in html


@pytest.mark.usefixtures("rendered_pages")
def test_home_query_count_does_not_grow_with_content(client, demo, django_assert_num_queries):
    category = Category.objects.first()
    for number in range(15):
        Article.objects.create(
            title=f"Tin {number}",
            summary="Tóm tắt",
            body="<p>x</p>",
            category=category,
            status=Article.Status.PUBLISHED,
            publish_at=timezone.now(),
        )
    client.get(reverse("portal:home"))  # counted as a visit once; the layout's data made
    # 4 for the figures, directives, news, upcoming and recent meetings
    with django_assert_num_queries(8):
        client.get(reverse("portal:home"))
