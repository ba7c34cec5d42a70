import pytest
from django.urls import reverse

from tests.conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_privacy_page_reads_on_a_phone_and_passes_axe(page, live_server, axe, screenshot, viewport):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + reverse("portal:home"))
    page.get_by_role("link", name="Chính sách riêng tư").click()
    assert page.locator("h1").all_text_contents() == ["Chính sách riêng tư"]
    table = page.get_by_role("table").text_content()
    assert "30 phút" in table and "15 phút" in table and "8 giờ" in table
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    screenshot(page, f"privacy-{viewport['width']}")
    axe(page)


def test_lockout_page_at_360(page, live_server, screenshot):
    page.set_viewport_size(PHONE)
    for _ in range(5):
        page.goto(live_server.url + reverse("admin:login"))
        page.fill("#id_username", "thuky")
        page.fill("#id_password", "sai-mat-khau")
        page.click("input[type=submit]")
    text = page.locator("#content-main").text_content()
    assert "Bạn có thể thử lại sau" in text and "(giờ Việt Nam)" in text
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "lockout-360")
    page.get_by_role("link", name="Quay lại trang đăng nhập").click()
    assert page.url.endswith(reverse("admin:login"))
