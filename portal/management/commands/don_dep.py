import tempfile
import time
from datetime import timedelta
from pathlib import Path

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from portal import held_files

# A worker killed mid-upload leaves Django's temporary file behind (tmpXXXX.upload.pdf).
UPLOAD_PATTERN = "tmp*.upload*"
UPLOAD_MAX_AGE = timedelta(days=1)


class Command(BaseCommand):
    help = (
        "Dọn dẹp định kỳ: phiên đăng nhập hết hạn, lần đăng nhập và nhật ký đăng nhập cũ, "
        "tệp tải lên tạm bị bỏ lại."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--ngay",
            type=int,
            default=90,
            metavar="N",
            help="Giữ lần đăng nhập sai và nhật ký đăng nhập trong N ngày (mặc định 90).",
        )

    def handle(self, *args, ngay, **options):
        if ngay < 1:
            raise CommandError("--ngay phải từ 1 trở lên.")
        now = timezone.now()
        sessions = Session.objects.filter(expire_date__lt=now).count()
        call_command("clearsessions")
        # An attempt still inside the cool-off keeps its lock: never removed early.
        cutoff = now - max(timedelta(days=ngay), settings.AXES_COOLOFF_TIME)
        attempts, _ = AccessAttempt.objects.filter(attempt_time__lt=cutoff).delete()
        failures, _ = AccessFailureLog.objects.filter(attempt_time__lt=cutoff).delete()
        logs, _ = AccessLog.objects.filter(attempt_time__lt=cutoff).delete()
        uploads = self.remove_stale_uploads()
        held = held_files.delete_expired()
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã dọn: {sessions} phiên hết hạn, {attempts} lần đăng nhập sai và "
                f"{failures + logs} dòng nhật ký đăng nhập quá {ngay} ngày, "
                f"{uploads} tệp tải lên tạm bị bỏ lại, {held} tệp giữ lại sau lỗi biểu mẫu "
                "đã hết hạn."
            )
        )

    def remove_stale_uploads(self):
        folder = Path(settings.FILE_UPLOAD_TEMP_DIR or tempfile.gettempdir())
        oldest = time.time() - UPLOAD_MAX_AGE.total_seconds()
        removed = 0
        for path in folder.glob(UPLOAD_PATTERN):
            try:
                if path.is_file() and path.stat().st_mtime < oldest:
                    path.unlink()
                    removed += 1
            except OSError:  # another process removed it, or it is not ours
                continue
        return removed
