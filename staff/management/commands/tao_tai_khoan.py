import getpass

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from communes.models import Commune, StaffAccount
from staff.roles import ROLES


class Command(BaseCommand):
    help = "Tạo tài khoản cán bộ trong một vai trò; mật khẩu được hỏi hai lần, không hiện ra."

    def add_arguments(self, parser):
        parser.add_argument("username", help="Tên đăng nhập.")
        parser.add_argument(
            "--vai-tro",
            dest="role",
            required=True,
            metavar="VAI_TRO",
            help="Một trong: " + ", ".join(f"“{role}”" for role in ROLES) + ".",
        )
        parser.add_argument("--ho-ten", dest="full_name", default="", help="Họ và tên.")
        parser.add_argument("--email", default="", help="Thư điện tử.")
        where = parser.add_mutually_exclusive_group()
        where.add_argument(
            "--xa", dest="commune", help="Mã xã của tài khoản (mặc định: xã đầu tiên)."
        )
        where.add_argument(
            "--tinh", dest="province", action="store_true", help="Tài khoản của tỉnh."
        )

    def handle(self, username, role, full_name, email, commune=None, province=False, **options):
        if role not in ROLES:
            names = ", ".join(f"“{name}”" for name in ROLES)
            raise CommandError(f"Không có vai trò “{role}”. Chọn một trong: {names}.")
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"Tên đăng nhập “{username}” đã có.")
        try:
            group = Group.objects.get(name=role)
        except Group.DoesNotExist as exc:
            raise CommandError("Chưa có các vai trò: hãy chạy manage.py migrate trước.") from exc
        place = None
        if commune:
            place = Commune.objects.filter(slug=commune).first()
            if place is None:
                raise CommandError(f"Không có xã mã “{commune}”.")
        last, _, first = full_name.strip().rpartition(" ")
        user = User(username=username, email=email, first_name=first, last_name=last)
        user.is_staff = True
        user.set_password(self.ask_password(user))
        user.save()
        user.groups.add(group)
        if place or province:
            StaffAccount.objects.create(user=user, commune=place)
        where = "của tỉnh" if province else (place or Commune.objects.order_by("pk").first())
        self.stdout.write(
            self.style.SUCCESS(f"Đã tạo tài khoản “{username}”, vai trò {role}, {where}.")
        )

    def ask_password(self, user):
        for _attempt in range(3):
            password = getpass.getpass("Mật khẩu: ")
            if password != getpass.getpass("Nhập lại mật khẩu: "):
                self.stderr.write("Hai lần nhập không khớp.")
                continue
            try:
                password_validation.validate_password(password, user)
            except ValidationError as exc:
                self.stderr.write("\n".join(exc.messages))
                continue
            return password
        raise CommandError("Không tạo tài khoản: mật khẩu chưa hợp lệ sau ba lần nhập.")
