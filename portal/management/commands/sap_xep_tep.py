"""Put uploaded files where their fields say: private ones out of the public MEDIA_ROOT.

Files uploaded before private storage existed sit in MEDIA_ROOT, reachable at /media/ by
anyone. This moves every file of a private field (and the cover renditions) into
PRIVATE_MEDIA_ROOT under the same name, so the rows need no change; files in MEDIA_ROOT that
no public field names are moved aside too. Rows without a content type get the one their
content shows (images re-encoded). Safe to run again: a second run finds nothing to do.
"""

import os
import shutil
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import models

from portal import uploads
from portal.media import PrivateStorage, private_storage

# Where files of MEDIA_ROOT that no row names end up (never reachable from outside).
UNCLAIMED = "khong-ro-nguon"


def file_fields():
    """(model, field, private?) for every file field of a model that is not a history copy."""
    for model in apps.get_models():
        if hasattr(model, "instance_type"):  # django-simple-history rows share the files
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                yield model, field, isinstance(field.storage, PrivateStorage)


def _move(source, target):
    """Copy beside the target, rename into place, then remove the source."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    shutil.copy2(source, partial)
    os.replace(partial, target)
    source.unlink()


class Command(BaseCommand):
    help = (
        "Chuyển tệp không công khai (ảnh bìa, tài liệu đính kèm) từ thư mục công khai "
        "MEDIA_ROOT sang thư mục riêng PRIVATE_MEDIA_ROOT và bổ sung loại nội dung. "
        "Chạy lại nhiều lần vẫn an toàn."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--chay-thu",
            action="store_true",
            dest="dry_run",
            help="Chỉ liệt kê việc sẽ làm, không thay đổi gì.",
        )

    def handle(self, *args, dry_run=False, **options):
        self.dry_run = dry_run
        self.public_root = Path(settings.MEDIA_ROOT)
        self.private_root = Path(settings.PRIVATE_MEDIA_ROOT)
        self.moved = self.missing = self.described = 0
        claimed = set()
        for model, field, private in file_fields():
            for row in model._default_manager.exclude(**{field.name: ""}):
                file = getattr(row, field.name)
                names = [file.name]
                if field.name == "cover" and hasattr(row, "rendition_names"):
                    names += row.rendition_names()
                claimed.update(names)
                if private:
                    for name in names:
                        self.make_private(name)
                    self.describe(row, field)
        self.move_unclaimed(claimed)
        self.report()

    def make_private(self, name):
        source, target = self.public_root / name, self.private_root / name
        if target.exists():
            if source.exists():  # a copy left behind: the private one is the file
                self.moved += 1
                self.stdout.write(f"{self.verb_remove} bản công khai thừa: {name}")
                if not self.dry_run:
                    source.unlink()
            return
        if not source.exists():
            self.missing += 1
            self.stdout.write(self.style.WARNING(f"Không tìm thấy tệp: {name}"))
            return
        self.moved += 1
        self.stdout.write(f"{self.verb} vào thư mục riêng: {name}")
        if not self.dry_run:
            _move(source, target)

    def describe(self, row, field):
        """Fill the content type (and original name) of rows stored before they existed."""
        if not hasattr(row, "content_type") or row.content_type:
            return
        file = getattr(row, field.name)
        storage = private_storage()
        if not storage.exists(file.name):
            self.described += self.dry_run  # in a dry run the file has not moved yet
            return
        self.described += 1
        with storage.open(file.name) as handle:
            kind = uploads.detect(handle, uploads.extension_of(file.name)) or uploads.UNKNOWN
            cleaned = uploads.clean_image(handle) if kind.is_image else None
        if kind is uploads.UNKNOWN:
            self.stdout.write(
                self.style.WARNING(f"Nội dung không đúng loại tệp, chỉ cho tải về: {file.name}")
            )
        if self.dry_run:
            return
        if cleaned is not None:
            with storage.open(file.name, "wb") as handle:
                handle.write(cleaned.read())
        row.content_type = kind.content_type
        row.original_name = row.original_name or uploads.display_name(file.name)
        type(row)._default_manager.filter(pk=row.pk).update(
            content_type=row.content_type, original_name=row.original_name
        )

    def move_unclaimed(self, claimed):
        if not self.public_root.exists():
            return
        for path in sorted(p for p in self.public_root.rglob("*") if p.is_file()):
            name = path.relative_to(self.public_root).as_posix()
            if name in claimed:
                continue
            self.moved += 1
            self.stdout.write(f"{self.verb} tệp không thuộc bản ghi nào ra khỏi /media/: {name}")
            if not self.dry_run:
                _move(path, self.private_root / UNCLAIMED / name)

    @property
    def verb_remove(self):
        return "Sẽ xoá" if self.dry_run else "Đã xoá"

    @property
    def verb(self):
        return "Sẽ chuyển" if self.dry_run else "Đã chuyển"

    def report(self):
        summary = (
            f"{self.moved} tệp được chuyển, {self.described} tệp được bổ sung loại nội dung, "
            f"{self.missing} tệp không tìm thấy."
        )
        if self.dry_run:
            self.stdout.write(self.style.SUCCESS(f"Chạy thử, chưa thay đổi gì: {summary}"))
        elif self.moved or self.described or self.missing:
            self.stdout.write(self.style.SUCCESS(f"Xong: {summary}"))
        else:
            self.stdout.write(self.style.SUCCESS("Mọi tệp đã đúng chỗ, không có gì phải làm."))
