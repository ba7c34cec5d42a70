from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from portal import backup

PREFIX = "minhduc-"


def backup_dir():
    return Path(settings.BACKUP_DIR)


def new_archive_path(folder, prefix=PREFIX):
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(folder) / f"{prefix}{stamp}.tar.gz"


def number(value):
    return f"{value:,}".replace(",", ".")


class Command(BaseCommand):
    help = (
        "Sao lưu toàn bộ cơ sở dữ liệu và tệp tải lên vào một tệp (chỉ chủ sở hữu đọc được), "
        "rồi in đường dẫn của tệp."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="Tệp sao lưu sẽ tạo, hoặc thư mục chứa nó (mặc định: BACKUP_DIR, var/backups/).",
        )
        parser.add_argument(
            "--giu-lai",
            type=int,
            metavar="N",
            help="Sau khi sao lưu, chỉ giữ N bản minhduc-*.tar.gz mới nhất trong thư mục đó.",
        )

    def handle(self, *args, output=None, giu_lai=None, verbosity=1, **options):
        path = Path(output) if output else backup_dir()
        if not output or path.is_dir():
            path = new_archive_path(path)
        if path.exists():
            raise CommandError(f"Tệp {path} đã có; hãy chọn tên khác.")
        progress = self.stderr.write if verbosity >= 1 else lambda message: None
        try:
            manifest = backup.write_archive(path, progress)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(f"Không ghi được bản sao lưu {path}: {exc.strerror}.") from exc
        rows = sum(manifest["tables"].values())
        self.stderr.write(
            self.style.SUCCESS(
                f"Đã sao lưu {number(rows)} dòng của {len(manifest['tables'])} bảng và "
                f"{number(len(manifest['files']))} tệp."
            )
        )
        if giu_lai is not None:
            self.prune(path.parent, giu_lai)
        self.stdout.write(str(path.resolve()))

    def prune(self, folder, keep):
        if keep < 1:
            raise CommandError("--giu-lai phải từ 1 trở lên.")
        archives = sorted(folder.glob(f"{PREFIX}*.tar.gz"), key=lambda p: p.stat().st_mtime)
        for old in archives[:-keep]:
            old.unlink()
            self.stderr.write(f"Đã xoá bản sao lưu cũ {old.name}")
