"""History pages an official understands: words in and out, no empty rows, reverts named."""

import datetime

import pytest

from meetings.models import Directive
from news.models import Article
from staff import roles

from . import objects
from .test_history import edit, history_url, revert

pytestmark = pytest.mark.django_db

LONG = (
    "<p>Năm 2025, xã Minh Đức tiếp nhận 2.945 hồ sơ thủ tục hành chính, trong đó 1.688 hồ sơ "
    "nộp trực tuyến; tỷ lệ giải quyết đúng hạn trên 98%. "
    '<a href="https://dichvucong.gov.vn/">Cổng Dịch vụ công quốc gia</a></p>'
)


@pytest.fixture
def article():
    return objects.article(title="Bản đầu", status=Article.Status.REVIEW, body=LONG)


def test_a_body_change_shows_the_words_taken_out_and_put_in(client_as, article):
    reviewer = client_as(roles.REVIEWER)
    changed = LONG.replace("2.945", "2.950").replace("dichvucong.gov.vn", "dvc.gov.vn")
    assert edit(reviewer, article, body=changed).status_code == 302
    text = reviewer.get(history_url(article)).content.decode()
    assert "<del>2.945</del>" in text and "<ins>2.950</ins>" in text
    assert "tiếp nhận" in text  # the words around the change, for context
    assert "Thêm liên kết: <code>https://dvc.gov.vn/</code>" in text
    assert "Bỏ liên kết: <code>https://dichvucong.gov.vn/</code>" in text
    assert "&lt;p&gt;" not in text and "chars]" not in text


def test_a_formatting_change_alone_is_listed(client_as, article):
    reviewer = client_as(roles.REVIEWER)
    bold = LONG.replace("1.688 hồ sơ", "<strong>1.688 hồ sơ</strong>")
    edit(reviewer, article, body=bold)
    text = reviewer.get(history_url(article)).content.decode()
    assert "Đổi định dạng: in đậm" in text


def test_a_save_that_changed_nothing_leaves_no_version(client_as, article):
    reviewer = client_as(roles.REVIEWER)
    edit(reviewer, article, status="published")
    versions = article.history.count()
    edit(reviewer, article)  # opened and saved again as it was
    edit(reviewer, article)
    assert article.history.count() == versions


def test_an_empty_link_reads_khong_co(client_as):
    meeting = objects.meeting()
    secretary = client_as(roles.SECRETARY)
    person = objects.person()
    edit(secretary, meeting, chair=str(person.pk))
    text = secretary.get(history_url(meeting)).content.decode()
    assert "Chủ trì:</strong> (không có)&nbsp;&rarr;&nbsp;" in text
    assert "pk=None" not in text and "đã xóa" not in text


def test_a_revert_is_named_as_such(client_as, article):
    reviewer = client_as(roles.REVIEWER)
    first = article.history.earliest("history_date")
    edit(reviewer, article, title="Bản sửa")
    assert revert(reviewer, article, first).status_code == 302
    latest = article.history.latest("history_date")
    when = first.history_date.astimezone(datetime.timezone(datetime.timedelta(hours=7)))
    assert latest.history_change_reason == f"Khôi phục phiên bản lúc {when:%d/%m/%Y %H:%M}"
    assert "Khôi phục phiên bản lúc" in reviewer.get(history_url(article)).content.decode()


def test_a_directive_changed_in_the_meeting_form_shows_in_the_meetings_history(client_as):
    meeting = objects.meeting(title="Họp quý I")
    directive = Directive.objects.create(meeting=meeting, text="Lắp đặt mạng cho ấp")
    secretary = client_as(roles.SECRETARY)
    before = meeting.history.count()
    response = edit(secretary, meeting, **{"directives-0-deadline": "28/02/2026"})
    assert response.status_code == 302
    assert meeting.history.count() == before  # no empty row for the meeting itself
    text = secretary.get(history_url(meeting)).content.decode()
    assert "Thay đổi ở các mục trong cuộc họp" in text
    assert "Kết luận chỉ đạo: Lắp đặt mạng cho ấp" in text
    assert "Hạn hoàn thành:</strong> (trống)&nbsp;&rarr;&nbsp;28/02/2026" in text
    assert directive.history.count() == 2


def test_each_version_carries_its_labels_for_a_phone(client_as, article):
    text = client_as(roles.REVIEWER).get(history_url(article)).content.decode()
    assert 'data-label="Nội dung thay đổi"' in text and "admin-history.css" in text
