"""manage.py sap_xep_tep: files uploaded before private storage leave the public folder."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from meetings.models import Attachment as MeetingAttachment
from meetings.models import Committee, Meeting
from news.models import Attachment
from portal.models import SiteIdentity
from tests.news.factories import make_article, uploaded_image
from tests.portal.samples import HTML, image_bytes, pdf_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def roots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)


def files_under(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def run(*args):
    out = StringIO()
    call_command("sap_xep_tep", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def old_install(roots):
    """Files as an install before private storage kept them: all in MEDIA_ROOT."""
    public, private = roots
    article = make_article(cover=uploaded_image(), cover_alt="Ảnh")
    Attachment.objects.create(article=article, title="Báo cáo", file=upload("bc.pdf", pdf_bytes()))
    meeting = Meeting.objects.create(
        committee=Committee.objects.create(name="Ban", slug="ban"),
        title="Họp",
        start=article.publish_at,
    )
    MeetingAttachment.objects.create(
        meeting=meeting, title="Ảnh", file=upload("anh.png", image_bytes() + HTML), public=False
    )
    site = SiteIdentity.current()
    site.logo = upload("logo.png", image_bytes())
    site.save()
    shutil.copytree(private, public, dirs_exist_ok=True)
    shutil.rmtree(private)
    (public / "cuoc-hop" / "le.html").write_bytes(HTML)  # no row names it
    for model in (Attachment, MeetingAttachment):
        model.objects.update(content_type="", original_name="")
    return public, private


def test_a_dry_run_lists_the_moves_and_changes_nothing(old_install):
    public, private = old_install
    before = files_under(public)
    out = run("--chay-thu")
    assert "Sẽ chuyển vào thư mục riêng: tin-tuc/tai-lieu/" in out
    assert "Sẽ chuyển tệp không thuộc bản ghi nào ra khỏi /media/: cuoc-hop/le.html" in out
    assert "Chạy thử, chưa thay đổi gì: 10 tệp được chuyển, 2 tệp được bổ sung" in out
    assert files_under(public) == before and not private.exists()


def test_the_command_moves_private_files_and_is_idempotent(client, old_install):
    public, private = old_install
    out = run()
    assert "Xong: 10 tệp được chuyển, 2 tệp được bổ sung loại nội dung" in out
    assert files_under(public) == [SiteIdentity.current().logo.name]
    assert "khong-ro-nguon/cuoc-hop/le.html" in files_under(private)
    attachment = MeetingAttachment.objects.get()
    assert attachment.content_type == "image/png"
    assert b"<script" not in (private / attachment.file.name).read_bytes()
    news_attachment = Attachment.objects.get()
    assert news_attachment.content_type == "application/pdf"
    assert client.get(news_attachment.file.url).status_code == 200
    assert client.get(attachment.file.url).status_code == 404
    assert client.get("/media/" + news_attachment.file.name).status_code == 404
    assert run() == "Mọi tệp đã đúng chỗ, không có gì phải làm.\n"


def test_a_public_copy_left_beside_a_private_file_is_removed(client, roots):
    public, private = roots
    attachment = Attachment.objects.create(
        article=make_article(), title="Báo cáo", file=upload("bc.pdf", pdf_bytes())
    )
    (public / attachment.file.name).parent.mkdir(parents=True)
    shutil.copy(private / attachment.file.name, public / attachment.file.name)
    assert f"Đã xoá bản công khai thừa: {attachment.file.name}" in run()
    assert files_under(public) == []
    assert client.get(attachment.file.url).status_code == 200
