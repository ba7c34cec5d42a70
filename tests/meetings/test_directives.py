import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings.models import Directive, DirectiveUpdate, Person, Unit

from .conftest import at

pytestmark = pytest.mark.django_db

TRACKER = reverse("meetings:directives")


def test_tracker_lists_overdue_first_with_unassigned_label(counted_client, make_directive, unit):
    make_directive(text="Việc chưa giao ai")
    make_directive(text="Việc quá hạn", unit=unit, deadline=datetime.date(2020, 1, 1))
    html = counted_client.get(TRACKER).content.decode()
    assert html.index("Việc quá hạn") < html.index("Việc chưa giao ai")
    assert "Quá hạn" in html and "Chưa phân công" in html and "01/01/2020" in html


def test_tracker_shows_done_late_and_progress(counted_client, make_directive, unit):
    directive = make_directive(
        unit=unit,
        deadline=datetime.date(2026, 2, 1),
        status="done",
        completed_on=datetime.date(2026, 2, 10),
    )
    DirectiveUpdate.objects.create(
        directive=directive, date=datetime.date(2026, 2, 10), note="Đã lắp đặt xong"
    )
    html = counted_client.get(TRACKER).content.decode()
    assert "Hoàn thành trễ hạn" in html and "Đã lắp đặt xong" in html and "10/02/2026" in html


@pytest.mark.usefixtures("rendered_pages")
@pytest.mark.parametrize("size", [3, 30])
def test_tracker_query_count_is_constant(
    counted_client, make_meeting, make_directive, django_assert_num_queries, size
):
    for i in range(size):
        directive = make_directive(
            meeting=make_meeting(),
            unit=Unit.objects.create(name=f"Đơn vị {i}"),
            person=Person.objects.create(full_name=f"Người {i}"),
            deadline=datetime.date(2026, 1, 1),
        )
        DirectiveUpdate.objects.create(directive=directive, note="Đang làm")
    # years, count, page, updates, units for the filter, layout (2)
    with django_assert_num_queries(7):
        response = counted_client.get(TRACKER)
    assert response.status_code == 200
    assert f"Đơn vị {size - 1}" in response.content.decode()


def test_filters_narrow_by_status_unit_and_year(counted_client, make_meeting, make_directive):
    ubnd = Unit.objects.create(name="Ủy ban nhân dân xã")
    police = Unit.objects.create(name="Công an xã")
    old = make_meeting(start=at(datetime.date(2025, 3, 1)))
    make_directive(meeting=old, text="Việc năm 2025 của UBND", unit=ubnd)
    make_directive(text="Việc năm 2026 của Công an", unit=police)
    make_directive(text="Việc chưa giao")

    html = counted_client.get(TRACKER, {"don_vi": ubnd.slug}).content.decode()
    assert "Việc năm 2025 của UBND" in html and "Việc năm 2026 của Công an" not in html
    html = counted_client.get(TRACKER, {"nam": "2026"}).content.decode()
    assert "Việc năm 2026 của Công an" in html and "Việc năm 2025" not in html
    html = counted_client.get(TRACKER, {"trang_thai": "unassigned"}).content.decode()
    assert "Việc chưa giao" in html and "Việc năm 2026" not in html


@pytest.mark.parametrize(
    "params",
    [
        {"trang_thai": "khong-co"},
        {"don_vi": "khong-co"},
        {"nam": "abc"},
        {"nam": "99999999999999999999"},
        {"nam": "1900"},
        {"page": "abc"},
        {"page": "9999"},
        {"trang_thai": ["done", "x"], "don_vi": "'; DROP TABLE x;--"},
    ],
)
def test_bad_filter_values_are_ignored(counted_client, make_directive, params):
    make_directive(text="Một kết luận")
    response = counted_client.get(TRACKER, params)
    assert response.status_code == 200
    assert "Một kết luận" in response.content.decode()


def test_meeting_list_bad_page_is_404(counted_client):
    assert counted_client.get(reverse("meetings:list"), {"page": "abc"}).status_code == 404


def test_tracker_shows_the_latest_progress_first(counted_client, make_directive, unit):
    directive = make_directive(unit=unit)
    for day, note in ((1, "Đã khảo sát"), (20, "Đang lắp đặt")):
        DirectiveUpdate.objects.create(
            directive=directive, date=datetime.date(2026, 2, day), note=note
        )
    html = counted_client.get(TRACKER).content.decode()
    assert html.index("Đang lắp đặt") < html.index("Các lần cập nhật trước (1)")
    assert html.index("Các lần cập nhật trước (1)") < html.index("Đã khảo sát")


def test_a_deadline_before_the_meeting_is_refused_with_the_meeting_day(make_directive):
    directive = make_directive(meeting=None)  # meeting on 15/01/2026
    directive.deadline = datetime.date(2026, 1, 10)
    directive.status, directive.completed_on = "done", datetime.date(2026, 1, 12)
    with pytest.raises(ValidationError) as error:
        directive.full_clean()
    messages = error.value.message_dict
    assert messages["deadline"] == [
        "Hạn hoàn thành không được trước ngày họp 15/01/2026, ngày kết luận được đưa ra: "
        "hãy nhập một ngày từ 15/01/2026 trở đi."
    ]
    assert "Ngày hoàn thành không được trước ngày họp 15/01/2026" in messages["completed_on"][0]
    directive.deadline = directive.completed_on = datetime.date(2026, 1, 15)
    directive.full_clean()  # the meeting's own day is allowed


def test_a_progress_update_dated_before_the_meeting_is_refused(make_directive):
    update = DirectiveUpdate(directive=make_directive(), date=datetime.date(2026, 1, 1), note="x")
    with pytest.raises(ValidationError) as error:
        update.full_clean()
    assert error.value.message_dict["date"] == [
        "Ngày cập nhật tiến độ không được trước ngày họp 15/01/2026 của kết luận này."
    ]


def test_the_meeting_form_refuses_an_early_deadline_and_keeps_every_row(admin_client, committee):
    from .test_admin import ADD, meeting_form

    people = [Person.objects.create(full_name="Trần Văn Một")]
    data = meeting_form(committee, people * 2, start_date="15/01/2026")
    data.update({"attendances-TOTAL_FORMS": "1", "directives-0-deadline": "10/01/2026"})
    response = admin_client.post(ADD, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hạn hoàn thành không được trước ngày họp 15/01/2026" in html
    assert "Kết luận gõ tay 0" in html and "Mục chương trình gõ tay 1" in html
    data["directives-0-deadline"] = "15/02/2026"
    assert admin_client.post(ADD, data).status_code == 302


def test_rows_dated_before_their_meeting_are_found_for_the_work_list(make_directive):
    early = make_directive(deadline=datetime.date(2026, 1, 1))
    make_directive(deadline=datetime.date(2026, 2, 1))
    assert list(Directive.objects.dated_before_meeting()) == [early]
