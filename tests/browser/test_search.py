import pytest

from tests.conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_citizen_finds_the_digital_teams_without_diacritics(
    page, live_server, demo, axe, screenshot
):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    axe(page)
    screenshot(page, "home-demo-360")
    page.get_by_label("Tìm kiếm trên cổng").fill("to cong nghe so")
    page.get_by_role("button", name="Tìm", exact=True).click()
    page.wait_for_url("**/tim-kiem/?q=to+cong+nghe+so*")
    results = page.locator(".result__title a")
    assert "Tổ công nghệ số cộng đồng" in results.first.text_content()
    assert page.locator(".result mark").count() >= 4
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "search-360")
    axe(page)
    results.first.click()
    page.wait_for_load_state()
    heading = page.locator("h1").text_content()
    assert "Tổ công nghệ số cộng đồng" in heading
    assert "19" in page.locator("main").text_content()
