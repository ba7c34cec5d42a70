from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_prose_editor.widgets import AdminProseEditorWidget

from news.models import Article
from tests.csp import directives
from tests.news.factories import make_article, make_category, uploaded_image

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:news_article_add")


def form_data(category, **fields):
    data = {
        "title": "Tập huấn kỹ năng số cho người dân",
        "slug": "",
        "summary": "Tổ công nghệ số cộng đồng hướng dẫn người dân dùng dịch vụ công.",
        "body": "<p>Nội dung <strong>tập huấn</strong>.</p>",
        "cover_alt": "",
        "cover_caption": "",
        "category": str(category.pk),
        "author": "Lê Đức Hoàng",
        "signature": "",
        "source": "",
        "status": Article.Status.DRAFT,
        "return_reason": "",
        "publish_at_0": "",
        "publish_at_1": "",
        "expires_at_0": "",
        "expires_at_1": "",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    return data | fields


@pytest.fixture
def editor(client):
    """Staff who may write and edit articles, but not publish them."""
    user = User.objects.create_user("bientap", password="mat-khau-dai-1", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="news",
            codename__in=["add_article", "change_article", "view_article", "view_category"],
        )
    )
    client.force_login(user)
    return user


def test_editor_saves_a_draft(client, editor, category):
    response = client.post(ADD_URL, form_data(category))
    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.status, article.slug) == ("draft", "tap-huan-ky-nang-so-cho-nguoi-dan")
    assert article.created_by == editor and article.updated_by == editor


def test_editor_without_publish_permission_cannot_publish(client, editor, category):
    response = client.post(ADD_URL, form_data(category, status="published"))
    assert response.status_code == 200
    assert "Bạn chưa có quyền duyệt bài" in response.content.decode()
    assert not Article.objects.exists()


def test_editor_may_send_an_article_for_review(client, editor, category):
    client.post(ADD_URL, form_data(category, status="review"))
    assert Article.objects.get().status == "review"


def test_reviewer_publishes_at_a_scheduled_time(admin_client, category):
    data = form_data(category, status="published", publish_at_0="20/01/2030", publish_at_1="08:30")
    assert admin_client.post(ADD_URL, data).status_code == 302
    article = Article.objects.get()
    assert article.publish_at.isoformat() == "2030-01-20T01:30:00+00:00"
    assert not Article.objects.published().exists()


def test_reviewer_publishes_now_when_no_time_is_chosen(admin_client, category):
    assert admin_client.post(ADD_URL, form_data(category, status="published")).status_code == 302
    assert Article.objects.published().get().first_published_at is not None


def test_validation_error_keeps_the_text_and_the_chosen_file(admin_client, category):
    data = form_data(category, title="Tiêu đề đã gõ", cover=uploaded_image("hop.jpg"))
    data["category"] = ""
    response = admin_client.post(ADD_URL, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Tiêu đề đã gõ"' in html
    assert "Tổ công nghệ số cộng đồng hướng dẫn người dân dùng dịch vụ công." in html
    assert "Đã chọn: <strong>hop.jpg</strong>" in html
    assert not Article.objects.exists()


def test_a_cover_that_is_not_an_image_is_refused_in_vietnamese(admin_client, category):
    fake = SimpleUploadedFile("anh.jpg", b"not an image at all", content_type="image/jpeg")
    response = admin_client.post(ADD_URL, form_data(category, cover=fake, cover_alt="Ảnh"))
    assert "không phải là ảnh" in response.content.decode()
    assert not Article.objects.exists()


def test_an_attachment_must_be_pdf_docx_or_xlsx(admin_client, category):
    data = form_data(
        category,
        **{
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-title": "Tệp lạ",
            "attachments-0-order": "0",
            "attachments-0-file": SimpleUploadedFile("virus.exe", b"MZ"),
        },
    )
    response = admin_client.post(ADD_URL, data)
    assert (
        "Tệp “virus.exe” không được nhận. Chỉ nhận tệp PDF, DOCX, XLSX."
        in response.content.decode()
    )


def test_staff_preview_shows_a_draft_as_the_public_page_will(admin_client, category):
    article = make_article("Bản nháp sắp đăng", category, status="draft", author="Lê Đức Hoàng")
    url = reverse("admin:news_article_preview", args=[article.pk])
    html = admin_client.get(url).content.decode()
    assert "Bản xem trước" in html and "Bản nháp" in html
    assert '<h1 class="page-title article__title">Bản nháp sắp đăng</h1>' in html
    assert "<dt>Tác giả</dt><dd>Lê Đức Hoàng</dd>" in html
    assert '<meta name="robots" content="noindex">' in html


def test_preview_needs_a_staff_login(client, category):
    article = make_article(category=category, status="draft")
    response = client.get(reverse("admin:news_article_preview", args=[article.pk]))
    assert response.status_code == 302 and "/quan-tri/login/" in response.url


def test_preview_needs_permission_to_see_articles(client, category):
    client.force_login(User.objects.create_user("khach", is_staff=True))
    article = make_article(category=category, status="draft")
    response = client.get(reverse("admin:news_article_preview", args=[article.pk]))
    assert response.status_code == 403


def test_change_page_links_to_the_preview(admin_client, category):
    article = make_article(category=category, status="draft")
    html = admin_client.get(reverse("admin:news_article_change", args=[article.pk])).content
    assert reverse("admin:news_article_preview", args=[article.pk]).encode() in html


@pytest.mark.parametrize(
    "query, expected",
    [
        ("status__exact=draft", {"Bản nháp A"}),
        ("status__exact=published", {"Tin đã đăng B", "Tin khác C"}),
        ("category__id__exact={other}", {"Tin khác C"}),
        ("q=nháp", {"Bản nháp A"}),
        ("publish_at__year={year}", {"Tin đã đăng B", "Tin khác C"}),
    ],
)
def test_changelist_filters_and_search(admin_client, category, query, expected):
    other = make_category("Thông báo khác")
    make_article("Bản nháp A", category, status="draft")
    make_article("Tin đã đăng B", category)
    make_article("Tin khác C", other)
    year = timezone.localtime(timezone.now() - timedelta(hours=1)).year
    query = query.format(other=other.pk, year=year)
    url = reverse("admin:news_article_changelist") + "?" + query
    response = admin_client.get(url)
    shown = {str(a) for a in response.context["cl"].result_list}
    assert shown == expected


def test_published_article_slug_is_read_only(admin_client, category):
    article = make_article(category=category)
    html = admin_client.get(reverse("admin:news_article_change", args=[article.pk])).content
    assert b'name="slug"' not in html


def test_editor_page_needs_no_inline_script(admin_client):
    """The admin's CSP allows scripts from files only; the editor starts from a module file."""
    response = admin_client.get(ADD_URL)
    html = response.content.decode()
    assert '<script src="/static/js/rich-text-editor.js" type="module">' in html
    assert "importmap" not in html
    assert "data-django-prose-editor-configurable" in html
    assert directives(response.headers["Content-Security-Policy"])["script-src"] == {"'self'"}


def test_the_packages_own_widget_would_need_an_inline_import_map():
    """Why news uses its own widget: the stock one renders an inline import map."""
    assert '<script type="importmap">' in str(AdminProseEditorWidget().media)
