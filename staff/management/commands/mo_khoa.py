import ipaddress

from axes.models import AccessAttempt
from axes.utils import reset
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Sum


class Command(BaseCommand):
    help = (
        "Mở khóa đăng nhập: xóa các lần đăng nhập sai đang được tính của một tên đăng nhập "
        "(từ mọi địa chỉ) hoặc của một địa chỉ IP (với mọi tên đăng nhập). Ví dụ: "
        "mo_khoa --ten-dang-nhap nguyenvana; mo_khoa --dia-chi 203.0.113.7; "
        "hoặc mo_khoa nguyenvana / mo_khoa 203.0.113.7 (tự nhận ra địa chỉ IP)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "target",
            nargs="?",
            metavar="TEN_HOAC_DIA_CHI",
            help="Tên đăng nhập hoặc địa chỉ IP; một địa chỉ IP hợp lệ được hiểu là địa chỉ.",
        )
        parser.add_argument(
            "--ten-dang-nhap", dest="username", metavar="TEN", help="Mở khóa tên đăng nhập này."
        )
        parser.add_argument(
            "--dia-chi", dest="address", metavar="DIA_CHI_IP", help="Mở khóa địa chỉ IP này."
        )

    def handle(self, target, username, address, **options):
        if sum(value is not None for value in (target, username, address)) != 1:
            raise CommandError(
                "Cho đúng một trong: --ten-dang-nhap TEN, --dia-chi DIA_CHI_IP, "
                "hoặc một tên đăng nhập / địa chỉ IP đứng riêng."
            )
        if target is not None:
            if _is_address(target):
                address = target
            else:
                username = target
        if address is not None and not _is_address(address):
            raise CommandError(f"“{address}” không phải địa chỉ IP.")
        if address is not None:
            address = str(ipaddress.ip_address(address))
            attempts, whose = AccessAttempt.objects.filter(ip_address=address), "địa chỉ"
        else:
            attempts, whose = AccessAttempt.objects.filter(username=username), "tài khoản"
        name = address or username
        failures = attempts.aggregate(total=Sum("failures_since_start", default=0))["total"]
        if not failures:
            self.stdout.write(
                f"Không có lần đăng nhập sai nào đang được tính của {whose} “{name}”."
            )
            return
        reset(ip=address, username=username)
        self.stdout.write(
            self.style.SUCCESS(f"Đã mở khóa {failures} lần đăng nhập sai của {whose} “{name}”.")
        )


def _is_address(text):
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
