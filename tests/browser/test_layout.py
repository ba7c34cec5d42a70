import pytest

from tests.conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_home_header_footer_and_accessibility(page, live_server, axe, screenshot, viewport):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + "/")
    header = page.locator("header.site-header").text_content()
    assert "Ban Chỉ đạo về phát triển khoa học, công nghệ" in header
    assert "Xã Minh Đức" in header
    footer = page.locator("footer.site-footer").text_content()
    assert "Hôm nay" in footer and "Tổng lượt truy cập" in footer and "Tháng này" in footer
    # Nothing is wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    screenshot(page, f"home-{viewport['width']}")
    axe(page)


def test_skip_link_is_the_first_stop_and_leads_to_content(page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Bỏ qua, đến nội dung chính"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "noi-dung"


def test_pages_load_under_the_real_content_security_policy(browser, live_server):
    """Without bypass_csp: nothing is refused on the home page; the browser knows every feature
    the Permissions-Policy names."""
    context = browser.new_context()
    page = context.new_page()
    refused = []
    page.on(
        "console",
        lambda m: (
            refused.append(m.text)
            if "Content Security Policy" in m.text or "Permissions-Policy" in m.text
            else 0
        ),
    )
    page.goto(live_server.url + "/")
    page.goto(live_server.url + "/trang-khong-co/")
    context.close()
    assert refused == []
