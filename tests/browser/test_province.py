"""The province page in Chromium: accessible, readable at 360 px, sortable by links."""

import pytest

from communes.creation import create_commune
from communes.models import HostName, Province
from tests.communes.helpers import first_commune
from tests.communes.test_province_page import put
from tests.conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def province_at_localhost(db):
    """The live server's "localhost" answers as the province (127.0.0.1 stays Minh Đức)."""
    HostName.objects.filter(name="localhost").delete()
    province = Province.objects.create(name="tỉnh Thử Nghiệm")
    HostName.objects.create(name="localhost", province=province)
    for n, commune in enumerate(
        [first_commune(), create_commune("xã Thử Hai", ["xa-hai.example"])], start=1
    ):
        put(commune, "ho-so-tiep-nhan", 2025, 1000 * n)
        put(commune, "ho-so-truc-tuyen", 2025, 600 * n + 50)
        put(commune, "ho-so-dung-han", 2025, 90 + n)
        put(commune, "dan-co-tai-khoan-vneid", 2025, 97 + n)
    create_commune("xã Chưa Có", ["xa-chua.example"])


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_province_page_is_accessible_and_fits(
    page, live_server, province_at_localhost, axe, screenshot, viewport
):
    page.set_viewport_size(viewport)
    port = live_server.url.rsplit(":", 1)[1]
    page.goto(f"http://localhost:{port}/?nam=2025")
    assert page.locator("h1").inner_text() == "So sánh các xã năm 2025"
    wide = page.evaluate(
        """w => [...document.querySelectorAll('body *')]
          .filter(e => e.getBoundingClientRect().right > w + 1).slice(0, 5)
          .map(e => e.tagName + '.' + e.className)""",
        viewport["width"],
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], wide
    axe(page)
    screenshot(page, f"province-{viewport['width']}")
    page.get_by_role("navigation", name="Xếp bảng").get_by_role(
        "link", name="Giải quyết đúng hạn"
    ).click()
    first = page.locator("tbody tr th").first.inner_text()
    assert first.startswith("Xã Thử Hai")
