"""The privacy page states what is recorded, with the real settings' values."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.sitemaps import whole_sitemap

pytestmark = pytest.mark.django_db
URL = reverse("portal:privacy")


def page():
    response = Client().get(URL)
    assert response.status_code == 200
    return response.content.decode()


def test_the_privacy_page_lives_at_its_vietnamese_address():
    assert URL == "/chinh-sach-rieng-tu/"


def test_it_says_what_is_recorded_about_visitors():
    html = page()
    assert "<code>md_visit</code></strong>: đánh dấu lượt truy cập" in html
    assert "hạn sau <strong>30 phút</strong>" in html
    assert "<code>md_seen</code>" in html
    assert "không thu thập thông tin cá nhân" in html
    assert "không dùng công cụ theo dõi của bên thứ ba" in html
    assert "không tải gì từ trang khác" in html


def test_it_says_what_is_recorded_about_staff_and_for_how_long():
    html = page()
    assert "Lịch sử thay đổi" in html and "tên người\n      thực hiện và thời điểm" in html
    assert "địa\n      chỉ IP và loại trình duyệt" in html
    assert "sai 5\n      lần với một tên đăng nhập, hoặc 20 lần từ một địa chỉ" in html
    assert "<strong>15 phút</strong>" in html
    assert "kết thúc sau <strong>8 giờ</strong> không thao tác" in html


def test_the_figures_follow_the_settings(settings):
    """Changing a setting changes the page: the text cannot drift from the code."""
    import datetime

    settings.SESSION_COOKIE_AGE = 4 * 60 * 60
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 12
    html = page()
    assert "kết thúc sau <strong>4 giờ</strong> không thao tác" in html
    assert "<td>30 phút sau lần sai gần nhất</td>" in html
    assert "hoặc 12 lần từ một địa chỉ" in html


def test_it_has_one_h1_and_headed_sections():
    html = page()
    assert len(re.findall(r"<h1\b", html)) == 1
    assert re.findall(r'<h2 id="[^"]+">([^<]+)</h2>', html)[:3] == [
        "Khi bạn xem cổng",
        "Khi cán bộ đăng nhập trang quản trị",
        "Giữ trong bao lâu",
    ]
    assert "style=" not in html and "<script" not in html


def test_it_is_linked_from_the_footer_the_site_map_and_the_sitemap():
    link = f'<a href="{URL}">Chính sách riêng tư</a>'
    assert link in Client().get(reverse("portal:home")).content.decode()
    assert link in Client().get(reverse("portal:site-map")).content.decode()
    xml = whole_sitemap(Client())
    assert f"<loc>http://127.0.0.1:8000{URL}</loc>" in xml
