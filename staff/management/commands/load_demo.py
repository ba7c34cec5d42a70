import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from communes import demo as communes_demo
from documents import demo as documents_demo
from indicators import demo as indicators_demo
from meetings import demo as meetings_demo
from news import demo as news_demo
from staff import roles

DEMO_USERNAME = "quantri"
# One demo official per role (the administrator above is the Quản trị one), named ".mau"
# so that they never take the name of a real official's account.
ROLE_USERS = {
    "bientap.mau": roles.EDITOR,
    "duyettin.mau": roles.REVIEWER,
    "thuky.mau": roles.SECRETARY,
    "capnhat.mau": roles.DATA_CLERK,
    "lanhdao.mau": roles.LEADER,
}


class Command(BaseCommand):
    help = "Thêm dữ liệu mẫu từ bài viết gốc (an toàn khi chạy nhiều lần)."

    def handle(self, *args, **options):
        with transaction.atomic():
            # Meetings first: the article and the figures point at the meeting.
            for part in (communes_demo, meetings_demo, news_demo, indicators_demo, documents_demo):
                part.load(self)
            password = self.demo_admin()
            created = self.role_users()
        self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu mẫu."))
        self.stdout.write(f"Tài khoản quản trị mẫu: {DEMO_USERNAME} / mật khẩu: {password}")
        for username, (role, role_password) in created.items():
            self.stdout.write(
                f"Tài khoản mẫu vai trò {role}: {username} / mật khẩu: {role_password}"
            )
        if created:
            self.stdout.write("Các mật khẩu trên chỉ in lần này; hãy ghi lại.")

    def demo_admin(self):
        """The demo administrator; its password is generated once and kept in var/."""
        path = settings.VAR_DIR / "demo-password"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(12))
            path.chmod(0o600)
        password = path.read_text().strip()
        user, _ = get_user_model().objects.get_or_create(
            username=DEMO_USERNAME,
            defaults={"first_name": "Quản trị", "last_name": "mẫu"},
        )
        user.is_staff = user.is_superuser = True
        if not user.check_password(password):
            user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name=roles.ADMINISTRATOR))
        return password

    def role_users(self):
        """Create the missing demo officials; {username: (role, password)} of those created."""
        User = get_user_model()
        created = {}
        for username, role in ROLE_USERS.items():
            if User.objects.filter(username=username).exists():
                continue
            password = secrets.token_urlsafe(12)
            user = User(username=username, first_name=role, last_name="(mẫu)", is_staff=True)
            user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get(name=role))
            created[username] = (role, password)
        return created
