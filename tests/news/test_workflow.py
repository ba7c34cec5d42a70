from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from news.models import Article
from tests.news.factories import make_article

pytestmark = pytest.mark.django_db


def test_publishing_without_a_time_publishes_now(category):
    before = timezone.now()
    article = make_article(category=category, status=Article.Status.DRAFT)
    article.status = Article.Status.PUBLISHED
    article.save()
    # To the minute, as the admin's form shows and sends it back.
    assert before.replace(second=0, microsecond=0) <= article.publish_at <= timezone.now()
    assert article.publish_at.second == article.publish_at.microsecond == 0
    assert article.first_published_at == article.publish_at
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_sending_back_needs_a_reason(category):
    article = make_article(category=category, status=Article.Status.REVIEW)
    article.status = Article.Status.RETURNED
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "lý do trả lại" in str(error.value.message_dict["return_reason"])


def test_database_refuses_a_returned_article_without_reason(category):
    article = make_article(category=category, status=Article.Status.REVIEW)
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(status=Article.Status.RETURNED)


def test_expiry_must_come_after_publishing(category):
    article = make_article(category=category)
    article.expires_at = article.publish_at - timedelta(minutes=1)
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "phải sau thời điểm đăng" in str(error.value.message_dict["expires_at"])


def test_body_plain_text_has_no_markup(category):
    article = make_article(
        category=category,
        body="<h2>Kết quả</h2><p>2.945 hồ sơ&nbsp;tiếp nhận</p><ul><li><p>VNeID</p></li></ul>",
    )
    assert article.body_text == "Kết quả 2.945 hồ sơ tiếp nhận VNeID"
