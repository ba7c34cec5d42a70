import io
import os
import time
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from portal import held_files

pytestmark = pytest.mark.django_db


def attempt(model, days_ago, **fields):
    fields.setdefault("user_agent", "Firefox")
    row = model.objects.create(
        ip_address="203.0.113.7",
        http_accept="*/*",
        path_info="/quan-tri/login/",
        username="nguyenvana",
        **fields,
    )
    # attempt_time is set on insert; move it into the past afterwards.
    model.objects.filter(pk=row.pk).update(attempt_time=timezone.now() - timedelta(days=days_ago))
    return row


def run(*args):
    out = io.StringIO()
    call_command("don_dep", *args, stdout=out)
    return out.getvalue()


def test_removes_expired_sessions_old_login_rows_and_stale_uploads(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    now = timezone.now()
    Session.objects.create(session_key="a" * 32, session_data="x", expire_date=now - timedelta(1))
    Session.objects.create(session_key="b" * 32, session_data="x", expire_date=now + timedelta(1))
    extra = {"get_data": "", "post_data": "", "failures_since_start": 3}
    old_attempt = attempt(AccessAttempt, 120, **extra)
    recent_attempt = attempt(AccessAttempt, 2, **{**extra, "user_agent": "Chrome"})
    attempt(AccessFailureLog, 100)
    attempt(AccessLog, 91)
    recent_log = attempt(AccessLog, 10)
    stale = tmp_path / "tmpab12cd.upload.pdf"
    fresh = tmp_path / "tmpef34gh.upload.pdf"
    unrelated = tmp_path / "bao-cao.pdf"
    for path in (stale, fresh, unrelated):
        path.write_bytes(b"%PDF-1.4")
    two_days_ago = time.time() - 2 * 86400
    os.utime(stale, (two_days_ago, two_days_ago))
    os.utime(unrelated, (two_days_ago, two_days_ago))
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    held = held_files.storage()
    old_held, new_held = held.save("cu", ContentFile(b"x")), held.save("moi", ContentFile(b"y"))
    os.utime(held.path(old_held), (two_days_ago, two_days_ago))

    output = run()

    assert output.strip() == (
        "Đã dọn: 1 phiên hết hạn, 1 lần đăng nhập sai và 2 dòng nhật ký đăng nhập "
        "quá 90 ngày, 1 tệp tải lên tạm bị bỏ lại, 1 tệp giữ lại sau lỗi biểu mẫu đã hết hạn."
    )
    assert not held.exists(old_held) and held.exists(new_held)
    assert list(Session.objects.values_list("session_key", flat=True)) == ["b" * 32]
    assert list(AccessAttempt.objects.all()) == [recent_attempt]
    assert not AccessAttempt.objects.filter(pk=old_attempt.pk).exists()
    assert not AccessFailureLog.objects.exists()
    assert list(AccessLog.objects.all()) == [recent_log]
    assert not stale.exists() and fresh.exists() and unrelated.exists()


def test_keeps_what_is_younger_than_the_days_asked(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    attempt(AccessLog, 10)
    assert "1 lần đăng nhập sai" not in run("--ngay", "30")
    assert AccessLog.objects.count() == 1
    assert "và 1 dòng nhật ký đăng nhập quá 7 ngày" in run("--ngay", "7")
    assert not AccessLog.objects.exists()


def test_never_removes_a_lock_still_in_force(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    settings.AXES_COOLOFF_TIME = timedelta(days=3)
    attempt(AccessAttempt, 2, get_data="", post_data="", failures_since_start=5)
    run("--ngay", "1")
    assert AccessAttempt.objects.count() == 1


def test_a_zero_day_retention_is_refused_in_vietnamese():
    with pytest.raises(CommandError, match="--ngay phải từ 1 trở lên."):
        run("--ngay", "0")
