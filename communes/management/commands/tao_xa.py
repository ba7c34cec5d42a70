from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from communes.creation import create_commune


class Command(BaseCommand):
    help = "Thêm một xã vào cổng: thông tin cổng, tên miền và dữ liệu ban đầu."

    def add_arguments(self, parser):
        parser.add_argument("name", help="Tên xã, ví dụ: “xã Minh Đức”.")
        parser.add_argument(
            "--host",
            action="append",
            required=True,
            help="Tên miền của xã (lặp lại để thêm; tên đầu tiên là địa chỉ chính).",
        )
        parser.add_argument("--slug", help="Mã xã (mặc định: tạo từ tên).")

    def handle(self, *args, name, host, slug=None, **options):
        try:
            commune = create_commune(name, host, slug)
        except ValidationError as error:
            raise CommandError("Không tạo được xã: " + " ".join(error.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"Đã tạo {commune.name} (mã {commune.slug})."))
        self.stdout.write(f"Địa chỉ cổng: {commune.site_url}/")
