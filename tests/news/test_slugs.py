import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from news.models import Article
from portal.text import slugify_vi
from tests.news.factories import make_article

pytestmark = pytest.mark.django_db


def test_d_with_stroke_is_folded_to_d():
    assert slugify_vi("Ban Chỉ đạo họp") == "ban-chi-dao-hop"
    assert slugify_vi("ĐẢNG ỦY XÃ Minh Đức") == "dang-uy-xa-minh-duc"


def test_slug_is_made_from_the_title(category):
    article = make_article("Ban Chỉ đạo họp đánh giá năm 2025", category)
    assert article.slug == "ban-chi-dao-hop-danh-gia-nam-2025"
    assert article.get_absolute_url() == "/tin-tuc/ban-chi-dao-hop-danh-gia-nam-2025/"


def test_same_title_gets_a_numbered_slug(category):
    first = make_article("Thông báo lịch họp", category)
    second = make_article("Thông báo lịch họp", category)
    assert (first.slug, second.slug) == ("thong-bao-lich-hop", "thong-bao-lich-hop-2")


@pytest.mark.parametrize("title", ["RSS", "Chuyên mục", "Trang"])
def test_title_that_slugifies_to_a_reserved_path_gets_another_slug(category, title):
    article = make_article(title, category)
    assert article.slug.endswith("-2")


def test_reserved_slug_typed_by_an_editor_is_refused_in_vietnamese(category):
    article = make_article(category=category, status=Article.Status.DRAFT)
    article.slug = "rss"
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "trùng với một trang của mục Tin tức" in str(error.value.message_dict["slug"])


def test_database_refuses_a_reserved_slug(category):
    article = make_article(category=category)
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(slug="rss")


def test_slug_of_a_published_article_cannot_change(category):
    article = Article.objects.get(pk=make_article("Tin đã đăng", category).pk)
    article.slug = "duong-dan-khac"
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "không đổi đường dẫn" in str(error.value.message_dict["slug"])


def test_slug_of_a_draft_may_change(category):
    article = Article.objects.get(
        pk=make_article("Bản nháp", category, status=Article.Status.DRAFT).pk
    )
    article.slug = "ban-nhap-moi"
    article.full_clean()
