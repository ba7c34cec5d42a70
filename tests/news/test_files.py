"""Article files follow their article: public while it is published, staff-only otherwise."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from news.models import Article, Attachment
from portal.media import private_storage
from staff.roles import EDITOR
from tests.news.factories import make_article, uploaded_image
from tests.portal.samples import docx_bytes, pdf_bytes, upload
from tests.staff.conftest import make_official

pytestmark = pytest.mark.django_db


def attach(article, name="Báo cáo tổng kết đ.pdf", data=None):
    return Attachment.objects.create(
        article=article, title="Báo cáo", file=upload(name, data or pdf_bytes())
    )


def staff_client():
    client = Client()
    client.force_login(make_official(EDITOR))
    return client


def test_a_published_articles_pdf_opens_inline_with_its_checked_type(client, category):
    attachment = attach(make_article(category=category))
    response = client.get(attachment.file.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == (
        "inline; filename*=utf-8''B%C3%A1o%20c%C3%A1o%20t%E1%BB%95ng%20k%E1%BA%BFt%20%C4%91.pdf"
    )
    assert response["Cache-Control"].startswith("public")


def test_a_docx_is_a_sandboxed_download_under_its_original_name(client, category):
    attachment = attach(make_article(category=category), "Biên bản họp.docx", docx_bytes())
    response = client.get(attachment.file.url)
    assert response["Content-Type"] == Attachment.objects.get().content_type
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''Bi%C3%AAn")
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_stored_name_is_a_slug_with_a_random_part_and_the_original_is_kept(category):
    attachment = attach(make_article(category=category))
    assert attachment.original_name == "Báo cáo tổng kết đ.pdf"
    assert attachment.file.name.startswith("tin-tuc/tai-lieu/")
    assert "/bao-cao-tong-ket-d-" in attachment.file.name
    assert attachment.file.url == "/tep/" + attachment.file.name


@pytest.mark.parametrize(
    "state",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.REVIEW},
        {"publish_at": timezone.now() + timedelta(days=1)},
        {"publish_at": timezone.now() - timedelta(days=2), "expires_at": timezone.now()},
    ],
    ids=["draft", "review", "scheduled", "expired"],
)
def test_the_files_of_an_article_the_public_cannot_see_answer_404(client, category, state):
    article = make_article(category=category, cover=uploaded_image(), cover_alt="Ảnh", **state)
    attachment = attach(article)
    urls = [
        attachment.file.url,
        article.cover.url,
        *(jpg for _w, _webp, jpg in article.cover_sources()),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert staff_client().get(url).status_code == 200, url
    assert staff_client().get(attachment.file.url)["Cache-Control"] == "private, no-store"


def test_publish_and_unpublish_switch_the_files_with_the_page(client, category):
    article = make_article(category=category, status=Article.Status.DRAFT)
    attachment = attach(article)
    assert client.get(attachment.file.url).status_code == 404
    article.status, article.publish_at = Article.Status.PUBLISHED, timezone.now()
    article.save()
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'href="{attachment.file.url}"' in page
    assert client.get(attachment.file.url).status_code == 200
    article.status = Article.Status.DRAFT
    article.save()
    assert client.get(attachment.file.url).status_code == 404


def test_cover_renditions_are_served_as_the_images_they_are(client, category):
    article = make_article(category=category, cover=uploaded_image(), cover_alt="Ảnh")
    width, webp, jpg = article.cover_sources()[0]
    assert client.get(webp)["Content-Type"] == "image/webp"
    response = client.get(jpg)
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("inline")


def test_guessed_and_neighbouring_names_answer_404(client, category):
    attachment = attach(make_article(category=category))
    folder = attachment.file.name.rsplit("/", 1)[0]
    private_storage().save(f"{folder}/khong-thuoc-bai-nao.pdf", upload("x.pdf", pdf_bytes()))
    for url in (
        f"/tep/{folder}/khong-thuoc-bai-nao.pdf",
        f"/tep/{folder}/bao-cao.pdf",
        "/tep/tin-tuc/anh/2026/01/anh-480.jpg",
        f"/media/{attachment.file.name}",
        "/tep/../settings.py",
        "/tep/" + "a" * 300,
    ):
        assert client.get(url).status_code == 404, url


def test_a_file_costs_one_query(client, category, django_assert_num_queries):
    attachment = attach(make_article(category=category))
    client.get("/healthz")  # the host's commune is looked up once, then kept in the cache
    with django_assert_num_queries(1):
        assert client.get(attachment.file.url).status_code == 200


def test_nginx_sends_the_file_when_told_to(client, category, settings):
    settings.MEDIA_ACCEL_REDIRECT = True
    attachment = attach(make_article(category=category))
    response = client.get(attachment.file.url)
    assert response["X-Accel-Redirect"] == f"/_private-media/{attachment.file.name}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_files_are_not_in_the_public_folder(category, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    article = make_article(category=category, cover=uploaded_image(), cover_alt="Ảnh")
    attachment = attach(article)
    assert not [path for path in tmp_path.rglob("*") if path.is_file()]
    assert private_storage().exists(attachment.file.name)
    assert private_storage().exists(article.cover.name)


def test_the_admin_shows_the_original_name_beside_the_stored_one(admin_client, category):
    from django.urls import reverse

    article = make_article(category=category)
    attachment = attach(article)
    html = admin_client.get(
        reverse("admin:news_article_change", args=[article.pk])
    ).content.decode()
    assert "Báo cáo tổng kết đ.pdf" in html
    assert f'href="{attachment.file.url}"' in html
