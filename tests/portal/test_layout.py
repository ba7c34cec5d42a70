import pytest
from django.urls import reverse

from portal.models import SiteIdentity

pytestmark = pytest.mark.django_db


def test_home_shows_commune_and_committee(client):
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "xã Minh Đức" in html or "Xã Minh Đức" in html
    assert "Ban Chỉ đạo phát triển khoa học, công nghệ" in html
    assert 'lang="vi"' in html


def test_navigation_lists_every_section(client):
    html = client.get(reverse("portal:home")).content.decode()
    for label in ("Trang chủ", "Tin tức", "Cuộc họp", "Kết luận chỉ đạo", "Chỉ số", "Ban Chỉ đạo"):
        assert f">{label}</a>" in html
    assert 'href="#noi-dung"' in html and 'id="noi-dung"' in html
    assert 'role="search"' in html


def test_empty_identity_fields_are_left_out(client):
    """Facts nobody filled in (address, phone, ...) leave no empty labels on the page."""
    html = client.get(reverse("portal:home")).content.decode()
    for label in ("Địa chỉ", "Điện thoại", "Thư điện tử", "Chịu trách nhiệm nội dung"):
        assert f"<dt>{label}</dt>" not in html


def test_filled_identity_fields_show_in_footer(client):
    SiteIdentity.objects.update(
        address="Ấp 1, xã Minh Đức", phone="0271 3 123 456", email="bcd@example.vn"
    )
    html = client.get(reverse("portal:home")).content.decode()
    assert "Ấp 1, xã Minh Đức" in html
    assert 'href="tel:02713123456"' in html
    assert "mailto:bcd@example.vn" in html


def test_site_identity_is_created_once_by_migrate():
    assert SiteIdentity.objects.count() == 1
    identity = SiteIdentity.current()
    assert identity.commune_name == "xã Minh Đức"
    assert identity.province == "" and identity.phone == ""


def test_public_pages_send_a_strict_content_security_policy(client):
    policy = client.get(reverse("portal:home")).headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self';" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_layout_has_no_inline_script_or_style(client):
    html = client.get(reverse("portal:home")).content.decode()
    assert "<script>" not in html and "style=" not in html and " onclick=" not in html
