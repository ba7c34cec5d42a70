import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from indicators.models import Indicator
from meetings.models import AgendaItem, Committee, Directive, Issue, Meeting
from news.models import Article, Category
from portal import search
from portal.models import SearchEntry

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def article(title, body="<p>Nội dung.</p>", status=Article.Status.PUBLISHED, **fields):
    category, _ = Category.objects.get_or_create(slug="hoat-dong", defaults={"name": "Hoạt động"})
    fields.setdefault("publish_at", NOW - datetime.timedelta(days=1))
    return Article.objects.create(
        title=title, summary="Sapo.", body=body, category=category, status=status, **fields
    )


def meeting(title, status=Meeting.Status.HELD, **fields):
    committee, _ = Committee.objects.get_or_create(slug="bcd", defaults={"name": "Ban Chỉ đạo"})
    return Meeting.objects.create(
        committee=committee,
        title=title,
        start=NOW - datetime.timedelta(days=3),
        status=status,
        **fields,
    )


def titles(query, **filters):
    """Titles found; news only unless another kind is asked (the catalogue is always there)."""
    filters.setdefault("kind", "news")
    return [entry.title for entry in search.search(query, **filters)]


@pytest.mark.parametrize(
    "query", ["chuyen doi so", "CHUYỂN ĐỔI SỐ", "Chuyển đổi số", "chuyển Đổi SO"]
)
def test_diacritics_and_case_do_not_matter(query):
    article("Chuyển đổi số ở xã Minh Đức")
    assert titles(query) == ["Chuyển đổi số ở xã Minh Đức"]


def test_d_with_stroke_folds_to_d():
    article("Ban Chỉ đạo họp")
    assert titles("chi dao") == ["Ban Chỉ đạo họp"]
    assert titles("ĐẠO") == ["Ban Chỉ đạo họp"]


def test_short_vietnamese_words_are_not_dropped_as_stop_words():
    """'to', 'so', 'an', 'do' are real words here: the English configuration would drop them."""
    article("Kiện toàn Tổ công nghệ số cộng đồng")
    article("Công nghệ trong trường học")
    assert titles("to cong nghe so") == ["Kiện toàn Tổ công nghệ số cộng đồng"]


def test_every_word_must_match_as_a_whole_word():
    article("Số hóa hồ sơ")
    assert titles("so hoa") == ["Số hóa hồ sơ"]
    assert titles("so hoan") == []
    assert titles("hoa ho") == ["Số hóa hồ sơ"]
    assert titles("h") == []


def test_title_matches_rank_above_body_matches():
    older = article("Tin về tập huấn", body="<p>Hướng dẫn dùng VNeID cho người dân.</p>")
    newer_title = article("VNeID đạt 91,24%", publish_at=NOW - datetime.timedelta(days=5))
    assert older.publish_at > newer_title.publish_at
    assert titles("vneid") == ["VNeID đạt 91,24%", "Tin về tập huấn"]


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.REVIEW},
        {"publish_at": NOW + datetime.timedelta(hours=2)},
        {
            "expires_at": NOW - datetime.timedelta(minutes=1),
            "publish_at": NOW - datetime.timedelta(days=2),
        },
    ],
    ids=["draft", "waiting", "scheduled", "expired"],
)
def test_unpublished_articles_are_never_found(fields, client):
    article("Bản tin chuyển đổi số", **fields)
    assert titles("chuyen doi so") == []
    html = client.get(reverse("portal:search"), {"q": "chuyen doi so"}).content.decode()
    assert "Bản tin chuyển đổi số" not in html


def test_scheduled_article_appears_when_its_time_comes():
    item = article("Hẹn giờ đăng tin", publish_at=NOW + datetime.timedelta(hours=1))
    assert titles("hen gio") == []
    Article.objects.filter(pk=item.pk).update(publish_at=NOW - datetime.timedelta(hours=1))
    assert titles("hen gio") == ["Hẹn giờ đăng tin"]


def test_only_held_meetings_are_found():
    meeting("Họp bàn chuyển đổi số", status=Meeting.Status.PLANNED)
    meeting("Họp tổng kết chuyển đổi số")
    assert titles("chuyen doi so", kind="") == ["Họp tổng kết chuyển đổi số"]


def test_meeting_text_follows_inline_rows_changed_after_the_meeting_was_saved():
    held = meeting("Họp Ban Chỉ đạo tháng 1")
    AgendaItem.objects.create(meeting=held, title="Báo cáo Nghị quyết 57")
    issue = Issue.objects.create(meeting=held, text="Hạ tầng chưa đồng bộ")
    assert titles("nghi quyet 57", kind="meeting") == ["Họp Ban Chỉ đạo tháng 1"]
    assert titles("ha tang dong bo", kind="meeting") == ["Họp Ban Chỉ đạo tháng 1"]
    issue.delete()
    assert titles("ha tang dong bo", kind="meeting") == []


def test_directives_are_found_by_their_text():
    held = meeting("Họp Ban Chỉ đạo")
    Directive.objects.create(meeting=held, text="Đẩy mạnh tuyên truyền về chuyển đổi số")
    assert titles("tuyen truyen", kind="directive") == ["Đẩy mạnh tuyên truyền về chuyển đổi số"]


def test_indicator_names_from_the_catalogue_are_found():
    assert Indicator.objects.exists()
    found = titles("vneid", kind="indicator")
    assert found and all("VNeID" in title for title in found)


def test_filters_by_kind_category_and_date():
    article("Chuyển đổi số tháng 1", publish_at=NOW - datetime.timedelta(days=40))
    article("Chuyển đổi số tuần này")
    meeting("Họp chuyển đổi số")
    assert len(titles("chuyen doi so")) == 2
    assert titles("chuyen doi so", kind="meeting") == ["Họp chuyển đổi số"]
    assert len(titles("chuyen doi so", kind="", category="hoat-dong")) == 2
    week_ago = (NOW - datetime.timedelta(days=7)).date()
    assert titles("chuyen doi so", kind="news", date_from=week_ago) == ["Chuyển đổi số tuần này"]


def test_search_page_highlights_matches_safely(client):
    article("Chuyển đổi số <b>đậm</b>")
    html = client.get(reverse("portal:search"), {"q": "chuyen doi so"}).content.decode()
    assert "<mark>Chuyển</mark> <mark>đổi</mark> <mark>số</mark> &lt;b&gt;đậm&lt;/b&gt;" in html


@pytest.mark.parametrize(
    "query",
    ["<script>alert(1)</script>", "' OR 1=1 --", "%_%", "\\", "&&& !!! :*", "\x00", "a" * 200],
)
def test_hostile_queries_answer_200_or_400_and_are_escaped(client, query):
    response = client.get(reverse("portal:search"), {"q": query})
    html = response.content.decode()
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert 'class="field-error"' in html
    assert "<script>alert(1)</script>" not in html


def test_oversized_query_is_a_400_with_a_message(client):
    response = client.get(reverse("portal:search"), {"q": "chuyển đổi số " * 400})
    assert response.status_code == 400
    assert "Từ khóa dài quá: tối đa 200 ký tự." in response.content.decode()


def test_empty_query_asks_for_words(client):
    response = client.get(reverse("portal:search"), {"q": ""})
    assert response.status_code == 200
    assert "Hãy nhập từ cần tìm" in response.content.decode()


@pytest.mark.parametrize("params", [{"tu_ngay": "32/13/2026"}, {"loai": "khong-co"}])
def test_bad_filters_are_a_400_with_a_message(client, params):
    response = client.get(reverse("portal:search"), {"q": "so", **params})
    assert response.status_code == 400


@pytest.mark.parametrize("page", ["abc", "0", "99"])
def test_bad_page_numbers_are_404(client, page):
    article("Chuyển đổi số")
    response = client.get(reverse("portal:search"), {"q": "chuyen doi so", "page": page})
    assert response.status_code == 404


def test_results_are_paginated_20_a_page(client):
    for number in range(23):
        article(f"Chuyển đổi số kỳ {number}")
    response = client.get(reverse("portal:search"), {"q": "chuyen doi so", "loai": "news"})
    assert response.context["page_obj"].paginator.count == 23
    assert len(response.context["page_obj"]) == 20
    second = client.get(reverse("portal:search"), {"q": "chuyen doi so", "loai": "news", "page": 2})
    assert len(second.context["page_obj"]) == 3


def test_search_query_count_is_fixed(client, django_assert_num_queries):
    for number in range(5):
        article(f"Chuyển đổi số kỳ {number}")
        meeting(f"Họp chuyển đổi số {number}")
    url = reverse("portal:search")
    client.get(url, {"q": "x"})  # the visit is counted once, outside the measured request
    # categories for the filter, count, page (the layout's data is made ahead)
    with django_assert_num_queries(3):
        client.get(url, {"q": "chuyen doi so"})


def test_rebuild_recreates_the_index():
    article("Chuyển đổi số")
    SearchEntry.objects.all().delete()
    search.rebuild()
    assert titles("chuyen doi so") == ["Chuyển đổi số"]
