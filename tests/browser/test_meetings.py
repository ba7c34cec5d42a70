"""The secretary's journey: a whole meeting entered in the admin, then read on a phone."""

import io
import re
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from meetings import demo
from meetings.demo import SEED_MEETING_SLUG
from meetings.models import Committee, Meeting, Membership, Person, Role
from tests.conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEMBERS = [
    ("Trưởng Ban Một", Role.HEAD, "Bí thư Đảng ủy xã, Trưởng Ban Chỉ đạo"),
    ("Phó Ban Hai", Role.STANDING_DEPUTY, "Chủ tịch UBND xã, Phó Trưởng Ban Chỉ đạo thường trực"),
    ("Phó Ban Ba", Role.DEPUTY, "Phó Bí thư Thường trực Đảng ủy, Phó Trưởng Ban Chỉ đạo"),
    ("Thành viên Bốn", Role.MEMBER, "Trưởng Công an xã"),
    ("Thành viên Năm", Role.MEMBER, "Giám đốc Trung tâm Dịch vụ tổng hợp xã"),
    ("Thư ký Sáu", Role.SECRETARY, "Công chức Văn phòng - Thống kê"),
]
PASSWORD = "mat-khau-thu-ky-2026"


@pytest.fixture
def secretary(page, live_server):
    committee = Committee.objects.create(name="Ban Chỉ đạo xã Minh Đức", slug="bcd")
    for name, role, title in MEMBERS:
        person = Person.objects.create(full_name=name)
        Membership.objects.create(committee=committee, person=person, role=role, title=title)
    User.objects.create_superuser("thuky", "thuky@example.vn", PASSWORD)
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "thuky")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    return committee


def add_rows(page, prefix, field, texts):
    """Type one text per row of an inline, adding rows with the inline's own link."""
    for i, text in enumerate(texts):
        if not page.locator(f"[name='{prefix}-{i}-{field}']").count():
            page.click(f"#{prefix}-group .add-row a")
        page.fill(f"[name='{prefix}-{i}-order']", str(i + 1))
        page.fill(f"[name='{prefix}-{i}-{field}']", text)


def test_secretary_enters_a_meeting_and_citizens_read_it(
    page, live_server, secretary, axe, screenshot
):
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + reverse("admin:meetings_meeting_add"))
    page.select_option("#id_committee", str(secretary.pk))
    page.fill("#id_title", "Họp Ban Chỉ đạo quý I năm 2026")
    page.fill("#id_start_date", "15/01/2026")
    page.fill("#id_start_hour", "14h")
    page.select_option("#id_status", "held")

    page.click("#fill-attendance button")
    page.get_by_text("Đã thêm 6 người vào danh sách dự họp.").wait_for()
    add_rows(page, "agenda_items", "title", [f"Nội dung chương trình {i}" for i in (1, 2, 3)])
    add_rows(page, "directives", "text", [f"Kết luận chỉ đạo số {i}" for i in (1, 2, 3)])
    page.fill("[name='directives-2-deadline']", "31/02/2026")  # no such day
    screenshot(page, "meetings-admin-filled")
    page.click("input[name=_save]")

    page.locator(".errornote").wait_for()
    screenshot(page, "meetings-admin-error")
    people = page.eval_on_selector_all(
        "#attendances-group select[name$='-person']", "els => els.map(e => e.value)"
    )
    assert len([p for p in people if p]) == 6
    titles = page.eval_on_selector_all(
        "#attendances-group input[name$='-title']", "els => els.map(e => e.value)"
    )
    assert {t for _, _, t in MEMBERS} <= set(titles)
    for i in (0, 1, 2):
        assert (
            page.input_value(f"[name='agenda_items-{i}-title']") == f"Nội dung chương trình {i + 1}"
        )
        assert page.input_value(f"[name='directives-{i}-text']") == f"Kết luận chỉ đạo số {i + 1}"
    page.fill("[name='directives-2-deadline']", "28/02/2026")
    page.click("input[name=_save]")
    page.locator(".messagelist .success").wait_for()

    meeting = Meeting.objects.get()
    assert meeting.attendances.count() == 6 and meeting.agenda_items.count() == 3
    assert meeting.directives.count() == 3

    page.set_viewport_size(PHONE)
    page.goto(live_server.url + meeting.get_absolute_url())
    assert "Có mặt 6/6" in page.text_content("main")
    assert page.locator(".directive").count() == 3
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "meetings-detail-360")
    axe(page)
    page.goto(live_server.url + reverse("meetings:directives"))
    assert "Hạn: 28/02/2026" in page.text_content("main")
    assert page.locator(".directive").count() == 3
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "meetings-tracker-360")
    axe(page)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
@pytest.mark.parametrize(
    "name, url",
    [
        ("list", reverse("meetings:list")),
        ("detail", reverse("meetings:detail", args=[SEED_MEETING_SLUG])),
        ("tracker", reverse("meetings:directives") + "?trang_thai=unassigned"),
        ("committee", reverse("meetings:committee")),
    ],
    ids=["list", "detail", "tracker", "committee"],
)
def test_demo_meeting_pages_fit_and_pass_axe(
    page, live_server, axe, screenshot, viewport, name, url
):
    demo.load(SimpleNamespace(stdout=io.StringIO()))  # this app's part of load_demo
    page.set_viewport_size(viewport)
    page.goto(live_server.url + url)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    screenshot(page, f"meetings-demo-{name}-{viewport['width']}")
    axe(page)


def test_meeting_form_works_under_the_real_content_security_policy(browser, live_server):
    """Without bypass_csp: the fill button, editor and widgets load with nothing refused."""
    committee = Committee.objects.create(name="Ban Chỉ đạo", slug="bcd")
    person = Person.objects.create(full_name="Trưởng Ban Một")
    Membership.objects.create(committee=committee, person=person, role=Role.HEAD, title="Bí thư")
    User.objects.create_superuser("thuky", "thuky@example.vn", PASSWORD)
    context = browser.new_context()
    page = context.new_page()
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else 0)
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "thuky")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(live_server.url + reverse("admin:meetings_meeting_add"))
    page.locator(".prose-editor .ProseMirror[contenteditable=true]").wait_for()
    page.click("#fill-attendance button")
    page.get_by_text("Chọn Ban và nhập ngày họp (dd/mm/yyyy) trước.").wait_for()
    page.select_option("#id_committee", str(committee.pk))
    page.click("#id_start_date ~ span a")  # the calendar's "Hôm nay" writes dd/mm/yyyy
    assert page.input_value("#id_start_date").count("/") == 2
    page.click("#fill-attendance button")
    page.get_by_text("Đã thêm 1 người vào danh sách dự họp.").wait_for()
    assert page.input_value("[name='attendances-0-title']") == "Bí thư"
    context.close()
    assert refused == []


def test_printable_minutes_fit_an_a4_page(page, live_server, screenshot):
    demo.load(SimpleNamespace(stdout=io.StringIO()))
    meeting = Meeting.objects.get(slug=SEED_MEETING_SLUG)
    meeting.minutes = "<h2>Nội dung</h2><p>Ban Chỉ đạo nghe báo cáo và thảo luận.</p>"
    meeting.minutes_status = Meeting.MinutesStatus.PUBLISHED
    meeting.minutes_approved_at = meeting.day
    meeting.save()
    page.goto(live_server.url + reverse("meetings:minutes", args=[meeting.slug]))
    screenshot(page, "meetings-minutes-print")
    page.emulate_media(media="print")
    assert page.locator(".minutes__nav").is_hidden()
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
