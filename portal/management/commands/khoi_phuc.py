from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection

from portal import backup

from .sao_luu import backup_dir, new_archive_path, number


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu của sao_luu vào cài đặt này (đã migrate, chỉ có dữ liệu "
        "ban đầu), trong một giao dịch, rồi kiểm tra lại theo bản kê."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Tệp .tar.gz do sao_luu tạo.")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Không hỏi xác nhận.",
        )
        parser.add_argument(
            "--ghi-de",
            action="store_true",
            help="Cho phép thay dữ liệu đang có (trước đó sao lưu nó vào BACKUP_DIR).",
        )

    def handle(self, archive, interactive=True, ghi_de=False, verbosity=1, **options):
        progress = self.stderr.write if verbosity >= 1 else lambda message: None
        try:
            with backup.open_archive(archive) as tar:
                manifest = backup.read_manifest(tar)
            backup.check_migrations(manifest)
            present = backup.content_present()
            if present and not ghi_de:
                raise CommandError(
                    "Cài đặt này đã có dữ liệu ("
                    + ", ".join(present[:5])
                    + (" …" if len(present) > 5 else "")
                    + "). Dùng --ghi-de để thay thế (dữ liệu hiện có được sao lưu trước)."
                    + only_one_commune(manifest)
                )
            if interactive and not self.confirm(archive, manifest, present):
                raise CommandError("Đã huỷ, không thay đổi gì.")
            if present:
                safety = new_archive_path(backup_dir(), prefix="truoc-khoi-phuc-")
                backup.write_archive(safety)
                self.stdout.write(f"Đã sao lưu dữ liệu hiện có vào {safety}")
            report = backup.restore(archive, progress)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        except (DeserializationError, DatabaseError) as exc:
            raise CommandError(
                f"Không nạp được bản sao lưu; cơ sở dữ liệu giữ nguyên như trước. Chi tiết: {exc}"
            ) from exc
        self.report(archive, report, verbosity)

    def confirm(self, archive, manifest, present):
        where = connection.settings_dict["NAME"]
        what = "THAY TOÀN BỘ dữ liệu hiện có của" if present else "nạp vào"
        answer = input(
            f"Khôi phục {archive} (tạo lúc {manifest['created']}) sẽ {what} "
            f"cơ sở dữ liệu {where}.{only_one_commune(manifest)} Gõ 'co' để tiếp tục: "
        )
        return answer.strip().lower() in {"co", "có"}

    def report(self, archive, report, verbosity):
        manifest = report["manifest"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã khôi phục {archive} (sao lưu lúc {manifest['created']}, "
                f"từ {manifest['database']}{of_commune(manifest)}): "
                f"{number(report['rows'])} dòng trong "
                f"{report['tables']} bảng, {number(report['files'])} tệp "
                f"({number(report['bytes'])} byte)."
            )
        )
        self.stdout.write(
            "Đã kiểm tra: số dòng mỗi bảng và mã SHA-256 mỗi tệp khớp bản kê; "
            f"chỉ mục tìm kiếm dựng lại {number(report['search_entries'])} mục."
        )
        if verbosity >= 2:
            for name, count in manifest["tables"].items():
                if count:
                    self.stdout.write(f"  {name}: {number(count)}")


def of_commune(manifest):
    commune = manifest.get("commune")
    return f", riêng {commune['name']}" if commune else ""


def only_one_commune(manifest):
    """A one-commune archive replaces every commune of the install: say so before."""
    commune = manifest.get("commune")
    if not commune:
        return ""
    return (
        f" Bản sao lưu này chỉ có {commune['name']} (mã {commune['slug']}): sau khi khôi phục, "
        "cài đặt chỉ còn xã này."
    )
