import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_vi(client):
    user = get_user_model().objects.create_superuser("bientap", password="Mat-khau-dai-2026")
    client.force_login(user)
    return client


def test_admin_header_carries_the_site_name(admin_client_vi):
    html = admin_client_vi.get("/quan-tri/").content.decode()
    assert "Quản trị: Ban Chỉ đạo KHCN, ĐMST và CĐS xã Minh Đức" in html


def test_site_identity_is_edited_in_the_admin(admin_client_vi):
    from portal.models import SiteIdentity

    identity = SiteIdentity.current()
    url = f"/quan-tri/portal/siteidentity/{identity.pk}/change/"
    assert "Người chịu trách nhiệm" in admin_client_vi.get(url).content.decode()


def test_load_demo_is_safe_to_run_twice(capsys, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("load_demo")
    call_command("load_demo")
    out = capsys.readouterr().out
    assert out.count("Tài khoản quản trị mẫu: quantri") == 2
    assert get_user_model().objects.filter(username="quantri", is_staff=True).count() == 1
