"""Run inside an install (`python -m tests.portal.backup_world fill|snapshot OUT.json`).

``fill`` adds, beside the demo data, what a real install holds: uploaded public and private
files, users with roles and their own permissions, a custom group, history rows made by a
user, visit counters, article views, login attempts, a session and an admin log entry.
``snapshot OUT.json [probe]`` writes every row of every table (all field values and
many-to-many links, keyed by primary key, or by natural key for content types and
permissions) and a SHA-256 per file, read straight from the models, so that two installs can
be compared; ``probe`` then adds new rows beside the restored ones.
"""

import datetime
import hashlib
import io
import json
import sys
from decimal import Decimal
from pathlib import Path


def fill():
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.conf import settings
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.auth.models import Group, Permission, User
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from django.utils import timezone
    from PIL import Image

    from meetings.models import Attachment as MeetingAttachment
    from meetings.models import Meeting
    from news.models import Article
    from news.models import Attachment as ArticleAttachment
    from portal.models import DailyVisits, SiteIdentity

    call_command("load_demo", stdout=io.StringIO())
    png = io.BytesIO()
    Image.new("RGB", (40, 30), "#c00").save(png, "PNG")
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

    identity = SiteIdentity.current()
    identity.logo.save("bieu-trung.png", ContentFile(png.getvalue()))
    article = Article.objects.order_by("pk").first()
    article.cover_alt = "Quang cảnh cuộc họp"
    article.cover.save("anh-bia.png", ContentFile(png.getvalue()))
    ArticleAttachment.objects.create(
        article=article, title="Báo cáo tổng kết", file=ContentFile(pdf, "bao-cao-tong-ket.pdf")
    )
    meeting = Meeting.objects.order_by("pk").first()
    MeetingAttachment.objects.create(
        meeting=meeting, title="Kế hoạch năm 2026", file=ContentFile(pdf, "kế hoạch 2026.pdf")
    )
    private = Path(settings.PRIVATE_MEDIA_ROOT) / "cuoc-hop" / "bien-ban-noi-bo.pdf"
    private.parent.mkdir(parents=True, exist_ok=True)
    private.write_bytes(pdf + b"noi bo")

    official = User.objects.create_user("nguyenvana", "a@example.org", "mat-khau-dai-12345")
    official.groups.add(Group.objects.get(name="Duyệt tin"))
    official.user_permissions.add(Permission.objects.get(codename="add_tag"))
    team = Group.objects.create(name="Tổ biên tập ấp")
    team.permissions.add(*Permission.objects.filter(codename__in=["view_article", "add_article"]))
    official.groups.add(team)

    article._history_user = official
    article.title = article.title + " (đã sửa)"
    article.save()
    Article.objects.filter(pk=article.pk).update(view_count=137)
    today = timezone.localdate()
    for days, count in ((0, 12), (1, 40), (30, 1234)):
        DailyVisits.objects.create(day=today - datetime.timedelta(days=days), count=count)

    attempt = {"user_agent": "Firefox", "ip_address": "203.0.113.7", "http_accept": "*/*"}
    AccessAttempt.objects.create(
        username="nguyenvana",
        path_info="/quan-tri/login/",
        get_data="",
        post_data="username=nguyenvana",
        failures_since_start=3,
        **attempt,
    )
    AccessFailureLog.objects.create(username="ai-do", path_info="/quan-tri/login/", **attempt)
    AccessLog.objects.create(username="quantri", path_info="/quan-tri/login/", **attempt)
    session = SessionStore()
    session["_auth_user_id"] = str(official.pk)
    session.create()
    LogEntry.objects.create(
        user=official,
        content_type=ContentType.objects.get_for_model(Article),
        object_id=str(article.pk),
        object_repr=str(article)[:200],
        action_flag=CHANGE,
        change_message="Đã sửa tiêu đề.",
    )


def _canonical(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(value, datetime.date | datetime.time | Decimal):
        return str(value)
    if hasattr(value, "name") and hasattr(value, "storage"):  # a FieldFile
        return value.name
    return value


def snapshot():
    from django.apps import apps
    from django.conf import settings
    from django.contrib.postgres.search import SearchVectorField

    from portal.backup import by_natural_key

    def key_of(obj):
        return list(obj.natural_key()) if by_natural_key(type(obj)) else obj.pk

    tables = {}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        label = model._meta.label_lower
        if label == "portal.searchword":
            continue  # suggestions' words, rebuilt from the index (on PostgreSQL only)
        # The search index is rebuilt on restore: its ids are new, its content must not be.
        rebuilt = label == "portal.searchentry"
        rows = {}
        for obj in model._base_manager.all():
            values = {}
            for field in model._meta.concrete_fields:
                if isinstance(field, SearchVectorField):
                    continue  # PostgreSQL only, recomputed from the title and body
                if field.primary_key and (rebuilt or by_natural_key(model)):
                    continue
                if field.is_relation and by_natural_key(field.related_model):
                    related = getattr(obj, field.name)
                    values[field.name] = related and list(related.natural_key())
                else:
                    values[field.name] = _canonical(field.value_from_object(obj))
            for field in model._meta.many_to_many:
                values[field.name] = sorted(key_of(o) for o in getattr(obj, field.name).all())
            key = [obj.kind, obj.object_id] if rebuilt else key_of(obj)
            rows[json.dumps(key, ensure_ascii=False)] = values
        tables[label] = rows
    files = {}
    for folder, root in (("media", settings.MEDIA_ROOT), ("private", settings.PRIVATE_MEDIA_ROOT)):
        for path in sorted(Path(root).rglob("*")):
            if path.is_file():
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                files[f"{folder}/{path.relative_to(root).as_posix()}"] = digest
    return {"tables": tables, "files": files}


def probe():
    """New rows in tables restored with their ids: each gets a fresh one (sequences reset),
    and PostgreSQL's full-text search finds the restored article (its vectors rebuilt)."""
    from django.contrib.auth.models import Group, User

    from meetings.models import Person
    from news.models import Article
    from portal.models import DailyVisits

    User.objects.create_user("moi.sau.khoi.phuc")
    Group.objects.create(name="Nhóm mới")
    Person.objects.create(full_name="Người mới")
    DailyVisits.record(datetime.date(2000, 1, 1))
    article = Article.objects.order_by("pk").first()
    article.summary += " Đã cập nhật."
    article.save()  # and a history row
    from communes.models import Commune
    from portal import search

    commune = Commune.objects.order_by("pk").first()
    assert any(entry.kind == "news" for entry in search.search(commune, "chuyen doi so"))


if __name__ == "__main__":
    import django

    django.setup()
    if sys.argv[1] == "fill":
        fill()
    else:  # snapshot OUT.json [probe]: the rows as they are, then new ones must fit beside them
        Path(sys.argv[2]).write_text(json.dumps(snapshot(), ensure_ascii=False, default=str))
        if sys.argv[3:] == ["probe"]:
            probe()
