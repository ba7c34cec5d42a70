"""Two communes for the one-commune backup (`python -m tests.portal.commune_export_world ...`).

``fill``: the backup tests' world in the first commune (demo, files, accounts, history), then
look-alike content in it and in a second commune (xã Bến Thử), only a marker word differing,
each with its own uploaded files (named with the marker), accounts, history (one meeting
deleted since) and counters; a province account edits the second commune's article and
enters a figure; a province-wide target cites the first commune's document.
``pages HOST OUT.json``: what a visitor and the second commune's official see on HOST.
"""

import datetime
import io
import json
import sys
from decimal import Decimal
from pathlib import Path

MARKERS = {"minh-duc": "Alphaduc", "ben-thu": "Betaduc"}
HOST = "ben-thu.example"
OFFICIAL = "canbo.benthu"
PASSWORD = "mat-khau-dai-12345"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "#06c").save(buffer, "PNG")
    return buffer.getvalue()


def look_alike(commune, marker, author, province_account):
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from documents.models import Document, DocumentFile, DocumentType, Issuer
    from indicators.models import Indicator, Value
    from meetings.models import (
        Attachment,
        Committee,
        Directive,
        DirectiveUpdate,
        Meeting,
        Membership,
        Person,
        Role,
        Unit,
    )
    from news.models import Article, Category, Tag
    from news.models import Attachment as ArticleAttachment
    from portal.models import DailyVisits, SiteIdentity

    low = marker.lower()
    identity = SiteIdentity.objects.get(commune=commune)
    identity.logo.save(f"bieu-trung-{low}.png", ContentFile(png()))
    category = Category.objects.for_commune(commune).get(slug="hoat-dong-ban-chi-dao")
    tag = Tag.objects.create(commune=commune, name=f"Thẻ {marker}")
    article = Article(
        commune=commune,
        title=f"Tin giống nhau {marker}",
        slug="tin-giong-nhau",
        summary=f"Tóm tắt {marker}.",
        body=f"<p>Nội dung {marker}.</p>",
        category=category,
        status=Article.Status.PUBLISHED,
        publish_at=timezone.now() - datetime.timedelta(hours=1),
        cover_alt=f"Ảnh {marker}",
        created_by=author,
    )
    article.cover = ContentFile(png(), name=f"anh-{low}.png")  # cleaned, with renditions
    article._history_user = author
    article.save()
    article.tags.add(tag)
    ArticleAttachment.objects.create(
        article=article, title=f"Báo cáo {marker}", file=ContentFile(PDF, f"bao-cao-{low}.pdf")
    )
    article.summary += " Tỉnh đã sửa."
    article._history_user = province_account
    article.updated_by = province_account
    article.save()

    committee = Committee.objects.create(commune=commune, name=f"Ban {marker}", slug=f"ban-{low}")
    person = Person.objects.create(commune=commune, full_name=f"Ông {marker}")
    Membership.objects.create(committee=committee, person=person, role=Role.HEAD, title="Trưởng")
    unit = Unit.objects.create(commune=commune, name=f"Đơn vị {marker}", slug=f"don-vi-{low}")
    meetings = []
    for slug in ("hop-giong-nhau", "hop-se-xoa"):
        meeting = Meeting.objects.create(
            commune=commune,
            committee=committee,
            title=f"Họp {slug} {marker}",
            slug=slug,
            start=timezone.now() - datetime.timedelta(days=3),
            status=Meeting.Status.HELD,
            summary=f"Tóm tắt họp {marker}",
            minutes=f"<p>Biên bản {marker}</p>",
            minutes_status=Meeting.MinutesStatus.PUBLISHED,
            chair=person,
        )
        directive = Directive.objects.create(meeting=meeting, text=f"Kết luận {marker}", unit=unit)
        DirectiveUpdate.objects.create(
            directive=directive, date=datetime.date(2025, 6, 1), note=f"Tiến độ {marker}"
        )
        Attachment.objects.create(
            meeting=meeting,
            title=f"Kế hoạch {marker}",
            file=ContentFile(PDF + marker.encode(), f"ke-hoach-{slug}-{low}.pdf"),
        )
        meetings.append(meeting)
    meetings[1].delete()  # its history stays, and the history of its directive

    Value.objects.create(
        commune=commune,
        indicator=Indicator.objects.get(code="ho-so-tiep-nhan"),
        year=2024,
        value=Decimal(100 if marker == "Alphaduc" else 200),
        source_text=f"Báo cáo {marker}",
        is_published=True,
        entered_by=province_account,
    )
    document = Document.objects.create(
        commune=commune,
        number="09/KH-BCĐ",
        slug="ke-hoach-01",
        title=f"Kế hoạch giống nhau {marker}",
        issued_on=datetime.date(2025, 3, 1),
        doc_type=DocumentType.objects.get(slug="ke-hoach"),
        issuer=Issuer.objects.get(slug="ban-chi-dao-xa"),
        is_published=True,
    )
    document.reviewed_at.add(meetings[0])
    DocumentFile.objects.create(
        document=document, title="Toàn văn", file=ContentFile(PDF, f"van-ban-{low}.pdf")
    )
    DailyVisits.objects.create(commune=commune, day=datetime.date(2025, 5, 1), count=7)
    return document


def fill():
    from django.contrib.admin.models import ADDITION, LogEntry
    from django.contrib.auth.models import Group, User
    from django.contrib.contenttypes.models import ContentType

    from communes.creation import create_commune
    from communes.models import Commune, StaffAccount
    from indicators.models import Indicator, Target
    from news.models import Article
    from tests.portal import backup_world

    backup_world.fill()
    first = Commune.objects.order_by("pk").first()
    second = create_commune("xã Bến Thử", [HOST])
    province_account = User.objects.create_user("tinh.so", password=PASSWORD, is_staff=True)
    StaffAccount.objects.create(user=province_account, commune=None)
    official = User.objects.create_user(OFFICIAL, password=PASSWORD, is_staff=True)
    official.groups.add(Group.objects.get(name="Duyệt tin"))
    StaffAccount.objects.create(user=official, commune=second)
    first_author = User.objects.get(username="nguyenvana")

    first_document = look_alike(first, MARKERS["minh-duc"], first_author, province_account)
    look_alike(second, MARKERS["ben-thu"], official, province_account)
    Target.objects.create(
        indicator=Indicator.objects.get(code="ho-so-tiep-nhan"),
        year=2026,
        value=Decimal(150),
        basis="Kế hoạch của tỉnh",
        basis_document=first_document,
    )
    article = Article.objects.get(commune=second)
    LogEntry.objects.create(
        user=official,
        content_type=ContentType.objects.get_for_model(Article),
        object_id=str(article.pk),
        object_repr=str(article),
        action_flag=ADDITION,
        change_message="Đã thêm.",
    )


def pages(host):
    from django.contrib.auth.models import User
    from django.test import Client

    from documents.models import Document
    from meetings.models import Meeting
    from news.models import Article

    visitor = Client(HTTP_HOST=host)
    article = Article.objects.get(slug="tin-giong-nhau")
    meeting = Meeting.objects.get(slug="hop-giong-nhau")
    paths = [
        "/",
        "/tin-tuc/",
        article.get_absolute_url(),
        meeting.get_absolute_url(),
        "/chi-so/2024/",
        "/van-ban/",
        Document.objects.get().get_absolute_url(),
        "/tim-kiem/?q=giong+nhau",
        article.cover.url,
        article.attachments.get().file.url,
        meeting.attachments.get().file.url,
    ]
    found = {}
    for path in paths:
        response = visitor.get(path)
        body = b"".join(response) if response.streaming else response.content
        found[path] = {"status": response.status_code, "text": body.decode(errors="replace")}
    account = User.objects.get(username=OFFICIAL)
    signed_in = account.check_password(PASSWORD)  # its password came across
    official = Client(HTTP_HOST=host)
    official.force_login(account)  # Client.login cannot pass django-axes a request
    found["admin"] = {"status": official.get("/quan-tri/").status_code, "signed_in": signed_in}
    return found


if __name__ == "__main__":
    import django

    django.setup()
    if sys.argv[1] == "fill":
        fill()
    else:  # pages HOST OUT.json
        result = pages(sys.argv[2])
        Path(sys.argv[3]).write_text(json.dumps(result, ensure_ascii=False))
