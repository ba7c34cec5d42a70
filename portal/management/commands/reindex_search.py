from django.core.management.base import BaseCommand

from portal import search


class Command(BaseCommand):
    help = "Dựng lại chỉ mục tìm kiếm (sau khi nạp dữ liệu không qua giao diện quản trị)."

    def handle(self, *args, **options):
        search.rebuild()
        count = search.SearchEntry.objects.count()
        self.stdout.write(self.style.SUCCESS(f"Đã dựng lại chỉ mục tìm kiếm: {count} mục."))
