import io

import pytest
from django.core.management import call_command

from meetings.demo import SEED_MEETING_SLUG
from news.demo import SEED_ARTICLE_SLUG
from news.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("load_demo", stdout=io.StringIO())
    return Article.objects.get(slug=SEED_ARTICLE_SLUG)


def test_demo_article_has_the_seeds_people_and_figures(loaded):
    assert loaded.author == "Lê Đức Hoàng"
    assert loaded.signature == "Hải Bình - TTDV"
    assert loaded.source == "Trung tâm Dịch vụ tổng hợp xã Minh Đức"
    for figure in ("2.945", "1.688", "91,24%", "19 Tổ công nghệ số cộng đồng", "trên 98%"):
        assert figure in loaded.body_text
    assert not loaded.cover, "the seed has no photo, so none is invented"


def test_demo_article_reports_the_seed_meeting(loaded):
    assert loaded.meeting is not None and loaded.meeting.slug == SEED_MEETING_SLUG


def test_demo_article_is_public_and_shows_its_date(client, loaded):
    html = client.get(loaded.get_absolute_url()).content.decode()
    assert "Thứ Năm, 15/01/2026 15:00" in html
    assert loaded.meeting.get_absolute_url() in html


def test_loading_twice_keeps_one_article_and_its_views(loaded):
    Article.objects.filter(pk=loaded.pk).update(view_count=7)
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert Article.objects.filter(slug=SEED_ARTICLE_SLUG).count() == 1
    assert Article.objects.get(pk=loaded.pk).view_count == 7
    assert "Đã cập nhật bài viết mẫu" in out.getvalue()


def test_demo_article_says_the_commune_held_training_classes(loaded):
    """The seed's "tập huấn" and "01 máy tính/01 cán bộ, công chức" as 100%, word for word."""
    text = loaded.body_text
    assert "Xã mở nhiều lớp tập huấn" in text
    assert "tỷ lệ 01 máy tính/01 cán bộ, công chức đạt 100%" in text
    assert "100% cán bộ, công chức xã" in text and "100% hồ sơ thủ tục hành chính" in text


def test_searching_without_diacritics_finds_the_training_classes(client, loaded):
    html = client.get("/tim-kiem/", {"q": "tap huan"}).content.decode()
    assert loaded.title in html
    assert "<mark>tập</mark> <mark>huấn</mark>" in html


def test_demo_names_the_committee_as_the_seed_does(client, loaded):
    name = "Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số"
    assert name in loaded.summary
    assert name in client.get("/").content.decode()
