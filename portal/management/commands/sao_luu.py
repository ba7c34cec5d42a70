from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from communes.models import Commune
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
            help=(
                "Sau khi sao lưu, chỉ giữ N bản mới nhất cùng loại trong thư mục đó "
                "(minhduc-*.tar.gz, hoặc xa-MÃ-*.tar.gz với --xa)."
            ),
        )
        parser.add_argument(
            "--xa",
            metavar="MÃ_XÃ",
            help=(
                "Chỉ sao lưu một xã: dữ liệu, tài khoản, lịch sử và tệp của xã đó cùng danh mục "
                "dùng chung, vào tệp xa-MÃ-….tar.gz (khôi phục được vào một cài đặt rỗng)."
            ),
        )

    def handle(self, *args, output=None, giu_lai=None, xa=None, verbosity=1, **options):
        commune = self.commune(xa) if xa else None
        prefix = f"xa-{commune.slug}-" if commune else PREFIX
        path = Path(output) if output else backup_dir()
        if not output or path.is_dir():
            path = new_archive_path(path, prefix)
        if path.exists():
            raise CommandError(f"Tệp {path} đã có; hãy chọn tên khác.")
        progress = self.stderr.write if verbosity >= 1 else lambda message: None
        try:
            manifest = backup.write_archive(path, progress, commune=commune)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(f"Không ghi được bản sao lưu {path}: {exc.strerror}.") from exc
        rows = sum(manifest["tables"].values())
        what = f"riêng {commune.name}: " if commune else ""
        self.stderr.write(
            self.style.SUCCESS(
                f"Đã sao lưu {what}{number(rows)} dòng của {len(manifest['tables'])} bảng và "
                f"{number(len(manifest['files']))} tệp."
            )
        )
        for reference, count in manifest.get("emptied", {}).items():
            self.stderr.write(
                f"Để trống {number(count)} tham chiếu {reference} tới dòng không thuộc xã "
                "(tài khoản của tỉnh hoặc xã khác, văn bản của xã khác)."
            )
        if giu_lai is not None:
            self.prune(path.parent, giu_lai, prefix)
        self.stdout.write(str(path.resolve()))

    def commune(self, slug):
        commune = Commune.objects.filter(slug=slug).first()
        if commune is None:
            known = ", ".join(Commune.objects.values_list("slug", flat=True)[:20])
            raise CommandError(f"Không có xã mã “{slug}”. Các mã xã có: {known or '(chưa có)'}.")
        return commune

    def prune(self, folder, keep, prefix=PREFIX):
        if keep < 1:
            raise CommandError("--giu-lai phải từ 1 trở lên.")
        archives = sorted(folder.glob(f"{prefix}*.tar.gz"), key=lambda p: p.stat().st_mtime)
        for old in archives[:-keep]:
            old.unlink()
            self.stderr.write(f"Đã xoá bản sao lưu cũ {old.name}")
