"""A fresh saved object of each model the permission matrix covers."""

import datetime
import itertools
from decimal import Decimal

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from communes.models import Commune, HostName, Province, StaffAccount
from documents import models as documents
from indicators.models import Indicator, IndicatorGroup, Target, Value
from meetings import models as meetings
from news.models import Article, Attachment, Category, Tag
from portal.models import DailyVisits, SearchEntry, SearchWord, SiteIdentity

_numbers = itertools.count(1)
START = datetime.datetime(2026, 1, 15, 8, tzinfo=datetime.UTC)


def n():
    return next(_numbers)


def category():
    return Category.objects.create(name=f"Chuyên mục thử {n()}")


def article(**fields):
    fields.setdefault("status", Article.Status.DRAFT)
    fields.setdefault("title", f"Bài thử {n()}")
    fields.setdefault("body", "<p>Nội dung.</p>")
    return Article.objects.create(
        summary="Tóm tắt.",
        category=Category.objects.order_by("pk").first(),
        **fields,
    )


def committee():
    number = n()
    return meetings.Committee.objects.create(name=f"Ban thử {number}", slug=f"ban-thu-{number}")


def person():
    return meetings.Person.objects.create(full_name=f"Nguyễn Văn {n()}")


def meeting(**fields):
    fields.setdefault("status", meetings.Meeting.Status.HELD)
    fields.setdefault("title", f"Cuộc họp thử {n()}")
    return meetings.Meeting.objects.create(committee=committee(), start=START, **fields)


def directive(**fields):
    fields.setdefault("text", f"Kết luận {n()}")
    return meetings.Directive.objects.create(meeting=meeting(), **fields)


def indicator():
    number = n()
    return Indicator.objects.create(
        code=f"chi-so-thu-{number}",
        name=f"Chỉ số thử {number}",
        short_name=f"Thử {number}",
        group=IndicatorGroup.objects.order_by("pk").first(),
        unit=Indicator.Unit.COUNT,
    )


def value(**fields):
    fields.setdefault("value", Decimal(5))
    return Value.objects.create(indicator=indicator(), year=2024, **fields)


def document(**fields):
    number = n()
    return documents.Document.objects.create(
        number=f"{number}/KH-BCĐ",
        title=f"Kế hoạch thử {number}",
        doc_type=documents.DocumentType.objects.get(slug="ke-hoach"),
        issuer=documents.Issuer.objects.get(slug="ban-chi-dao-xa"),
        issued_on=datetime.date(2025, 1, 1),
        **fields,
    )


def _list_entry(model):
    number = n()
    return model.objects.create(name=f"Mục thử {number}", slug=f"muc-thu-{number}")


def _access(model, **fields):
    return model.objects.create(
        username=f"ai-do-{n()}",
        ip_address="10.0.0.9",
        user_agent="thử",
        http_accept="*/*",
        path_info="/quan-tri/login/",
        **fields,
    )


MAKERS = {
    "news.Category": category,
    "news.Tag": lambda: Tag.objects.create(name=f"thẻ thử {n()}"),
    "news.Article": article,
    "news.Attachment": lambda: Attachment.objects.create(
        article=article(),
        title="Tài liệu",
        file=SimpleUploadedFile("tai-lieu.pdf", b"%PDF-1.4 thu"),
    ),
    "meetings.Person": person,
    "meetings.Unit": lambda: meetings.Unit.objects.create(name=f"Đơn vị thử {n()}"),
    "meetings.Committee": committee,
    "meetings.Membership": lambda: meetings.Membership.objects.create(
        committee=committee(), person=person()
    ),
    "meetings.Meeting": meeting,
    "meetings.Attendance": lambda: meetings.Attendance.objects.create(
        meeting=meeting(), person=person()
    ),
    "meetings.AgendaItem": lambda: meetings.AgendaItem.objects.create(
        meeting=meeting(), title="Mục thử"
    ),
    "meetings.Issue": lambda: meetings.Issue.objects.create(meeting=meeting(), text="Khó khăn"),
    "meetings.Attachment": lambda: meetings.Attachment.objects.create(
        meeting=meeting(), title="Báo cáo", file=SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4")
    ),
    "meetings.Directive": directive,
    "meetings.DirectiveUpdate": lambda: meetings.DirectiveUpdate.objects.create(
        directive=directive(), note="Đang làm"
    ),
    "indicators.IndicatorGroup": lambda: IndicatorGroup.objects.create(
        code=f"nhom-thu-{n()}", name="Nhóm thử"
    ),
    "indicators.Indicator": indicator,
    "indicators.Target": lambda: Target.objects.create(  # the commune's own target
        commune=Commune.objects.order_by("pk").first(),
        indicator=indicator(),
        year=2026,
        value=Decimal(10),
        basis="Kế hoạch năm 2026",
    ),
    "indicators.Value": value,
    "documents.DocumentType": lambda: _list_entry(documents.DocumentType),
    "documents.Issuer": lambda: _list_entry(documents.Issuer),
    "documents.Sector": lambda: _list_entry(documents.Sector),
    "documents.Document": document,
    "documents.DocumentFile": lambda: documents.DocumentFile.objects.create(
        document=document(), file=SimpleUploadedFile("toan-van.pdf", b"%PDF-1.4 thu")
    ),
    "documents.DocumentRelation": lambda: documents.DocumentRelation.objects.create(
        source=document(), kind="basis", target=document()
    ),
    "communes.Commune": lambda: Commune.objects.create(name=f"xã Thử {n()}", slug=f"thu-{n()}"),
    "communes.Province": lambda: Province.objects.create(),
    "communes.StaffAccount": lambda: StaffAccount.objects.create(
        user=get_user_model().objects.create_user(f"thu.{n()}")
    ),
    "communes.HostName": lambda: HostName.objects.create(
        name=f"thu-{n()}.example", commune=Commune.objects.order_by("pk").first()
    ),
    "portal.SiteIdentity": SiteIdentity.current,
    "portal.DailyVisits": lambda: DailyVisits.objects.create(
        day=datetime.date(2020, 1, 1) + datetime.timedelta(days=n()), count=3
    ),
    "portal.SearchEntry": lambda: SearchEntry.objects.create(
        kind=SearchEntry.Kind.NEWS, object_id=10_000 + n(), title="Mục", url="/"
    ),
    "portal.SearchWord": lambda: SearchWord.objects.create(word=f"tu{n()}"),
    "auth.User": lambda: get_user_model().objects.create_user(f"nguoidung{n()}"),
    "auth.Group": lambda: Group.objects.create(name=f"Nhóm thử {n()}"),
    "axes.AccessAttempt": lambda: _access(
        AccessAttempt, get_data="", post_data="", failures_since_start=1
    ),
    "axes.AccessLog": lambda: _access(AccessLog),
    "axes.AccessFailureLog": lambda: _access(AccessFailureLog),
}
