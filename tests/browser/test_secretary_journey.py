"""The secretary enters the seed's meeting alone, from an empty form, counting every action.

An action is one click, one field typed into, one choice made in a list, one paste or one
file chosen. The journey makes one mistake on the way (a deadline before the meeting) and
must lose nothing to it.
"""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfWriter

from meetings.demo import COMMITTEE_NAME, DIRECTIVES, ISSUES, LEADERS
from meetings.models import Committee, Meeting, Membership, Person
from staff import roles
from tests.browser.editor import EDITABLE, WORD_PASTE, paste
from tests.conftest import ARTIFACTS, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 768}
PASSWORD = "mat-khau-thu-ky-2026"

AGENDA = [
    "Báo cáo kết quả triển khai Nghị quyết số 57-NQ/TW năm 2025",
    "Phương hướng, nhiệm vụ trọng tâm năm 2026",
]
MAX_ACTIONS = 35


class Official:
    """The secretary's hands: every call is one counted action."""

    def __init__(self, page):
        self.page, self.actions = page, 0

    def click(self, selector):
        self.actions += 1
        self.page.click(selector)

    def type(self, selector, text):
        self.actions += 1
        self.page.fill(selector, text)

    def choose(self, selector, value):
        self.actions += 1
        self.page.select_option(selector, value)

    def paste(self, html):
        self.actions += 1
        paste(self.page, html)

    def upload(self, selector, path):
        self.actions += 1
        self.page.set_input_files(selector, str(path))

    def add_rows(self, prefix, field, texts):
        """One row per text; the first row is already there, the others take a click."""
        for i, text in enumerate(texts):
            if i:
                self.click(f"#{prefix}-group .add-row a")
            self.type(f"[name='{prefix}-{i}-{field}']", text)


@pytest.fixture
def secretary_page(page, live_server, tmp_path):
    committee = Committee.objects.create(name=COMMITTEE_NAME, slug="ban-chi-dao")
    for name, role, title in LEADERS:
        person = Person.objects.create(full_name=name)
        Membership.objects.create(committee=committee, person=person, role=role, title=title)
    user = User.objects.create_user("thuky", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=roles.SECRETARY))
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "thuky")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/quan-tri/$"))
    return page


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_seed_meeting_is_entered_in_at_most_35_actions(
    secretary_page, live_server, screenshot, tmp_path
):
    page = secretary_page
    page.set_viewport_size(LAPTOP)
    report = tmp_path / "bao-cao-ket-qua-2025.pdf"
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with report.open("wb") as handle:
        writer.write(handle)
    official = Official(page)

    official.click(f"a[href='{reverse('admin:meetings_meeting_add')}']")
    assert page.input_value("#id_committee")  # the only committee is chosen already
    assert no_sideways_scroll(page)
    official.type("#id_title", "Họp đánh giá kết quả năm 2025, triển khai nhiệm vụ năm 2026")
    official.type("#id_start_date", "15/01/2026")
    official.choose("#id_time_of_day", "afternoon")
    official.choose("#id_status", "held")
    official.type("#id_reviewed_year", "2025")
    official.click("#fill-attendance button")
    page.get_by_text("Đã thêm 3 người vào danh sách dự họp.").wait_for()
    official.add_rows("agenda_items", "title", AGENDA)
    official.add_rows("issues", "text", ISSUES)
    official.add_rows("directives", "text", DIRECTIVES)
    official.type("[name='directives-0-deadline']", "10/01/2026")  # the mistake
    official.click(EDITABLE)
    official.paste(WORD_PASTE.read_text(encoding="utf-8"))
    official.type("[name='attachments-0-title']", "Báo cáo kết quả năm 2025")
    official.upload("[name='attachments-0-file']", report)
    screenshot(page, "journey-meeting-form-1366")
    official.click("input[name=_save]")

    page.locator(".errornote").wait_for()
    assert "Hạn hoàn thành không được trước ngày họp 15/01/2026" in page.text_content("main")
    assert "Đã chọn: bao-cao-ket-qua-2025.pdf" in page.text_content(".held-files")
    assert page.input_value("[name='directives-2-text']") == DIRECTIVES[2]
    assert "Hạ tầng" in page.input_value("#id_minutes") or "<" in page.input_value("#id_minutes")
    official.type("[name='directives-0-deadline']", "15/02/2026")
    official.click("input[name=_save]")
    page.locator(".messagelist .success").wait_for()

    assert official.actions <= MAX_ACTIONS, official.actions
    meeting = Meeting.objects.get()
    assert meeting.time_of_day == Meeting.TimeOfDay.AFTERNOON
    assert timezone.localdate(meeting.start).isoformat() == "2026-01-15"
    assert meeting.chair.full_name == "Trần Văn Phương"
    attendance = list(
        meeting.attendances.in_role_order().values_list("person__full_name", "meeting_role")
    )
    assert attendance[0] == ("Trần Văn Phương", "chair") and len(attendance) == 3
    assert meeting.agenda_items.count() == 2 and meeting.issues.count() == 2
    assert [d.text for d in meeting.directives.order_by("order")] == DIRECTIVES
    assert meeting.directives.get(order=1).deadline.isoformat() == "2026-02-15"
    assert meeting.minutes and "mso-" not in meeting.minutes
    assert meeting.attachments.get().file.read().startswith(b"%PDF-")

    # The public page says the time the way officials do.
    page.goto(live_server.url + meeting.get_absolute_url())
    assert "Chiều Thứ Năm, 15/01/2026" in page.text_content("main")

    # The form, the editor and the history at both sizes, without sideways scrolling.
    change = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    history = reverse("admin:meetings_meeting_history", args=[meeting.pk])
    for size, name in ((LAPTOP, "1366"), (PHONE, "360")):
        page.set_viewport_size(size)
        page.goto(live_server.url + change)
        assert no_sideways_scroll(page), name
        screenshot(page, f"journey-meeting-form-{name}")
        page.locator(".prose-editor").screenshot(path=ARTIFACTS / f"journey-editor-{name}.png")
        page.goto(live_server.url + history)
        assert no_sideways_scroll(page), name
        screenshot(page, f"journey-meeting-history-{name}")
    print(f"\nThe seed meeting took {official.actions} actions.")
