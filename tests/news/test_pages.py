import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from news.models import Attachment, Tag
from tests.communes.helpers import serve_first_commune_at
from tests.news.factories import make_article, make_category

pytestmark = pytest.mark.django_db
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def many(category):
    start = timezone.now() - timedelta(days=30)
    return [
        make_article(f"Tin số {n}", category, publish_at=start + timedelta(hours=n))
        for n in range(1, 26)
    ]


def test_list_shows_twenty_newest_articles_first(client, many):
    html = client.get(reverse("news:list")).content.decode()
    assert html.count('class="card news-card"') == 20
    assert html.index("Tin số 25") < html.index("Tin số 24")
    assert "Tin số 5<" not in html
    assert "Trang 1/2" in html and 'rel="next"' in html


def test_second_page_shows_the_rest(client, many):
    html = client.get(reverse("news:list"), {"page": "2"}).content.decode()
    assert html.count('class="card news-card"') == 5
    assert "Tin số 1<" in html


@pytest.mark.parametrize("page", ["abc", "0", "3", "-1", "last", "", "1.5", "99999999999999999999"])
def test_bad_page_numbers_are_not_found(client, many, page):
    response = client.get(reverse("news:list"), {"page": page})
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_empty_list_says_so(client, db):
    html = client.get(reverse("news:list")).content.decode()
    assert "Chưa có bài viết nào" in html


def test_category_page_lists_only_its_articles(client, category):
    other = make_category("Thông tin khác")
    make_article("Tin của chuyên mục", category)
    make_article("Tin chuyên mục khác", other)
    response = client.get(category.get_absolute_url())
    html = response.content.decode()
    assert "<h1" in html and category.name in html
    assert "Tin của chuyên mục" in html and "Tin chuyên mục khác" not in html


def test_unknown_category_is_not_found(client, db):
    assert client.get(reverse("news:category", kwargs={"slug": "khong-co"})).status_code == 404


def test_unknown_article_is_not_found(client, db):
    assert client.get("/tin-tuc/khong-co-bai-nay/").status_code == 404
    assert client.get("/tin-tuc/%E2%80%94/").status_code == 404


@pytest.fixture
def full_article(category):
    article = make_article(
        "Ban Chỉ đạo họp đánh giá năm 2025",
        category,
        publish_at=datetime(2026, 1, 15, 15, 0, tzinfo=LOCAL),
        summary="Sapo của bài về cuộc họp.",
        body="<p>Đoạn thân bài với 2.945 hồ sơ.</p>",
        author="Lê Đức Hoàng",
        signature="Hải Bình - TTDV",
        source="Trung tâm Dịch vụ tổng hợp xã Minh Đức",
        view_count=1234,
    )
    article.tags.add(Tag.objects.create(name="Chuyển đổi số"))
    Attachment.objects.create(
        article=article,
        title="Báo cáo kết quả năm 2025",
        file=SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 test", content_type="application/pdf"),
    )
    return article


def test_article_page_shows_every_field(client, full_article):
    html = client.get(full_article.get_absolute_url()).content.decode()
    for text in (
        "Ban Chỉ đạo họp đánh giá năm 2025",
        "Thứ Năm, 15/01/2026 15:00",
        "Sapo của bài về cuộc họp.",
        "Đoạn thân bài với 2.945 hồ sơ.",
        "<dt>Tác giả</dt><dd>Lê Đức Hoàng</dd>",
        "Hải Bình - TTDV",
        "<dt>Nguồn tin</dt><dd>Trung tâm Dịch vụ tổng hợp xã Minh Đức</dd>",
        "Chuyển đổi số",
        "Báo cáo kết quả năm 2025",
        "Lượt xem: 1.23",  # 1.234 before this visit, 1.235 after: the counter runs first
        full_article.category.name,
    ):
        assert text in html, text


def test_article_page_has_sharing_meta_with_absolute_urls(client, full_article, settings):
    serve_first_commune_at(settings, "https://bcd.minhduc.example")
    html = client.get(full_article.get_absolute_url()).content.decode()
    url = "https://bcd.minhduc.example" + full_article.get_absolute_url()
    assert f'<meta property="og:url" content="{url}">' in html
    assert f'<link rel="canonical" href="{url}">' in html
    assert '<meta property="og:title" content="Ban Chỉ đạo họp đánh giá năm 2025">' in html
    assert '<meta name="description" content="Sapo của bài về cuộc họp.">' in html


def test_empty_fields_leave_no_labels(client, category):
    article = make_article(category=category)
    html = client.get(article.get_absolute_url()).content.decode()
    for label in ("Tác giả", "Nguồn tin", "Tài liệu đính kèm", "Thẻ:", "đưa tin về cuộc họp"):
        assert label not in html


def test_article_page_has_no_inline_script_or_style(client, full_article):
    html = client.get(full_article.get_absolute_url()).content.decode()
    # Scripts only from static files (progressive enhancement), never inline.
    assert not re.search(r"<script(?![^>]*\ssrc=)", html)
    assert "style=" not in html and " onclick=" not in html


def test_newer_and_older_come_from_the_same_category_five_each(client, category):
    start = timezone.now() - timedelta(days=30)
    articles = [
        make_article(f"Tin thứ {n:02d}", category, publish_at=start + timedelta(days=n))
        for n in range(1, 14)
    ]
    make_article("Tin chuyên mục khác", make_category(), publish_at=start + timedelta(days=7))
    middle = articles[6]  # "Tin thứ 07"
    assert [a.title for a in middle.newer()] == [f"Tin thứ {n:02d}" for n in (12, 11, 10, 9, 8)]
    assert [a.title for a in middle.older()] == [f"Tin thứ {n:02d}" for n in (6, 5, 4, 3, 2)]
    html = client.get(middle.get_absolute_url()).content.decode()
    assert "Những tin mới hơn" in html and "Những tin cũ hơn" in html
    assert "Tin chuyên mục khác" not in html and "Tin thứ 13" not in html
    assert html.index("Tin thứ 12") < html.index("Tin thứ 08") < html.index("Tin thứ 06")


def test_article_page_does_not_vary_on_cookie(client, full_article):
    """Public pages never touch the session, so anonymous pages stay cacheable."""
    response = client.get(full_article.get_absolute_url())
    assert "Cookie" not in response.headers.get("Vary", "")
    assert "sessionid" not in response.cookies and "csrftoken" not in response.cookies


def test_tag_page_lists_the_tagged_articles(client, category):
    tag = Tag.objects.create(name="VNeID")
    tagged = make_article("Tin có thẻ", category)
    tagged.tags.add(tag)
    make_article("Tin không thẻ", category)
    html = client.get(tag.get_absolute_url()).content.decode()
    assert "Thẻ “VNeID”" in html
    assert "Tin có thẻ" in html and "Tin không thẻ" not in html
