import datetime

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import Meeting, Membership, Role
from tests.portal.samples import HTML, SVG, image_bytes

pytestmark = pytest.mark.django_db

ADD = reverse("admin:meetings_meeting_add")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MEMBERS = reverse("admin:meetings_meeting_members")
INLINES = ("attendances", "agenda_items", "issues", "directives", "attachments")


def management(prefix, total):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def meeting_form(committee, people, **overrides):
    """The POST of a whole meeting: 2 attendees, 2 agenda items, 1 difficulty, 2 directives."""
    data = {
        "committee": str(committee.pk),
        "title": "Họp Ban Chỉ đạo quý I",
        "slug": "",
        "start_date": "05/01/2026",
        "start_hour": "14:00",
        "time_of_day": "exact",
        "end_0": "",
        "end_1": "",
        "place": "",
        "chair": str(people[0].pk),
        "kind": "regular",
        "status": "held",
        "reviewed_year": "2025",
        "summary": "Tóm tắt",
        "minutes": "",
        "minutes_status": "draft",
        "minutes_approved_at": "",
    }
    counts = {"attendances": 2, "agenda_items": 2, "issues": 1, "directives": 2, "attachments": 0}
    for prefix in INLINES:
        data.update(management(prefix, counts[prefix]))
    for i, person in enumerate(people[:2]):
        data.update(
            {
                f"attendances-{i}-person": str(person.pk),
                f"attendances-{i}-title": f"Chức vụ gõ tay {i}",
                f"attendances-{i}-committee_role": str(Role.MEMBER),
                f"attendances-{i}-meeting_role": "member",
                f"attendances-{i}-presence": "present",
            }
        )
    for i in range(2):
        data[f"agenda_items-{i}-order"] = str(i + 1)
        data[f"agenda_items-{i}-title"] = f"Mục chương trình gõ tay {i}"
        data[f"directives-{i}-order"] = str(i + 1)
        data[f"directives-{i}-text"] = f"Kết luận gõ tay {i}"
        data[f"directives-{i}-status"] = "assigned"
    data["issues-0-order"] = "1"
    data["issues-0-text"] = "Khó khăn gõ tay"
    data.update(overrides)
    return data


@pytest.fixture
def people(make_member):
    return [
        make_member("Trần Văn Một", Role.HEAD, "Bí thư Đảng ủy xã, Trưởng Ban Chỉ đạo"),
        make_member("Lê Văn Hai", Role.MEMBER, "Công chức"),
    ]


def test_add_form_has_inlines_fill_button_and_date_format(admin_client):
    html = admin_client.get(ADD).content.decode()
    for prefix in INLINES:
        assert f'id="{prefix}-group"' in html
    assert 'id="fill-attendance"' in html and MEMBERS in html
    assert "meetings/admin-attendance.js" in html


def test_whole_meeting_saves_from_one_page(admin_client, committee, people):
    response = admin_client.post(ADD, meeting_form(committee, people))
    assert response.status_code == 302, response.context["errors"]
    meeting = Meeting.objects.get()
    assert meeting.start.date() == datetime.date(2026, 1, 5)  # dd/mm/yyyy, not 1 May
    assert meeting.attendances.count() == 2 and meeting.agenda_items.count() == 2
    assert meeting.issues.count() == 1 and meeting.directives.count() == 2
    assert meeting.slug == "hop-ban-chi-dao-quy-i"


def test_validation_error_keeps_every_typed_row(admin_client, committee, people):
    data = meeting_form(committee, people, **{"directives-1-deadline": "31/02/2026"})
    response = admin_client.post(ADD, data)
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Chức vụ gõ tay 0",
        "Chức vụ gõ tay 1",
        "Mục chương trình gõ tay 0",
        "Mục chương trình gõ tay 1",
        "Khó khăn gõ tay",
        "Kết luận gõ tay 0",
        "Kết luận gõ tay 1",
        "31/02/2026",
        "Trần Văn Một",
    ):
        assert text in html, text
    assert not Meeting.objects.exists()


def test_a_chosen_file_is_kept_across_a_validation_error(admin_client, committee, people):
    data = meeting_form(committee, people, title="")
    data.update(management("attachments", 1))
    data.update(
        {
            "attachments-0-title": "Báo cáo",
            "attachments-0-kind": "report",
            "attachments-0-public": "on",
            "attachments-0-file": SimpleUploadedFile("bao-cao.pdf", PDF),
        }
    )
    response = admin_client.post(ADD, data)
    html = response.content.decode()
    assert "Đã chọn: <strong>bao-cao.pdf</strong>" in html and "không cần chọn lại" in html
    held = response.context["held_files"]
    assert [h["field"] for h in held] == ["attachments-0-file"]
    del data["attachments-0-file"]  # the browser sends the empty file input back
    data.update(title="Họp quý I", _held_files=[h["token"] for h in held])
    assert admin_client.post(ADD, data).status_code == 302
    attachment = Meeting.objects.get().attachments.get()
    assert attachment.file.read() == PDF


def test_a_held_file_is_only_given_back_to_the_user_who_chose_it(
    admin_client, client, committee, people
):
    data = meeting_form(committee, people, title="")
    data.update(management("attachments", 1))
    data.update(
        {
            "attachments-0-title": "Báo cáo",
            "attachments-0-kind": "report",
            "attachments-0-file": SimpleUploadedFile("bao-cao.pdf", PDF),
        }
    )
    tokens = [h["token"] for h in admin_client.post(ADD, data).context["held_files"]]
    other = User.objects.create_superuser("khac", "khac@example.vn", "mat-khau-khac-2026")
    client.force_login(other)
    del data["attachments-0-file"]
    data.update(title="Họp quý I", _held_files=tokens)
    response = client.post(ADD, data)
    assert response.status_code == 200 and not Meeting.objects.exists()
    errors = str(response.context["inline_admin_formsets"][4].formset.errors)
    assert "Trường này là bắt buộc" in errors  # nothing was given back to that user
    data["_held_files"] = ["giả mạo"]
    assert client.post(ADD, data).status_code == 200 and not Meeting.objects.exists()


def test_attachment_type_is_checked_in_vietnamese(admin_client, committee, people):
    data = meeting_form(committee, people)
    data.update(management("attachments", 1))
    data.update(
        {
            "attachments-0-title": "Chương trình",
            "attachments-0-kind": "other",
            "attachments-0-file": SimpleUploadedFile("virus.exe", b"MZ..."),
        }
    )
    html = admin_client.post(ADD, data).content.decode()
    assert "Tệp “virus.exe” không được nhận" in html
    assert not Meeting.objects.exists()


def test_attachment_size_is_checked():
    from django.core.exceptions import ValidationError

    from meetings.models import Attachment
    from meetings.models.meetings import ATTACHMENT_MAX_BYTES

    big = SimpleUploadedFile("lon.pdf", b"x")
    big.size = ATTACHMENT_MAX_BYTES + 1
    with pytest.raises(ValidationError, match="vượt quá giới hạn 20,0"):
        Attachment._meta.get_field("file").run_validators(big)


@pytest.mark.parametrize("name, data", [("bao-cao.pdf", HTML), ("anh.png", HTML), ("anh.svg", SVG)])
def test_html_or_svg_under_any_name_is_refused(admin_client, committee, people, name, data):
    form = meeting_form(committee, people)
    form.update(management("attachments", 1))
    form.update(
        {
            "attachments-0-title": "Tệp",
            "attachments-0-kind": "other",
            "attachments-0-file": SimpleUploadedFile(name, data),
        }
    )
    html = admin_client.post(ADD, form).content.decode()
    assert "không được nhận" in html or "không phải là tệp" in html
    assert not Meeting.objects.exists()


def test_a_png_with_html_appended_is_saved_without_it(admin_client, committee, people):
    data = meeting_form(committee, people)
    data.update(management("attachments", 1))
    data.update(
        {
            "attachments-0-title": "Ảnh",
            "attachments-0-kind": "other",
            "attachments-0-public": "on",
            "attachments-0-file": SimpleUploadedFile("Ảnh họp.png", image_bytes() + HTML),
        }
    )
    assert admin_client.post(ADD, data).status_code == 302
    attachment = Meeting.objects.get().attachments.get()
    assert attachment.original_name == "Ảnh họp.png" and attachment.content_type == "image/png"
    assert b"<script" not in attachment.file.read()


def test_members_endpoint_gives_titles_on_the_meeting_date(admin_client, committee, people):
    Membership.objects.filter(person=people[1]).update(end=datetime.date(2025, 12, 31))
    Membership.objects.create(
        committee=committee,
        person=people[1],
        role=Role.DEPUTY,
        title="Phó Chủ tịch UBND xã",
        start=datetime.date(2026, 1, 1),
    )
    before = admin_client.get(MEMBERS, {"committee": committee.pk, "date": "31/12/2025"}).json()
    after = admin_client.get(MEMBERS, {"committee": committee.pk, "date": "05/01/2026"}).json()
    assert [m["title"] for m in before["members"]] == [
        "Bí thư Đảng ủy xã, Trưởng Ban Chỉ đạo",
        "Công chức",
    ]
    assert [(m["name"], m["title"]) for m in after["members"]][1] == (
        "Lê Văn Hai",
        "Phó Chủ tịch UBND xã",
    )


@pytest.mark.parametrize("params", [{}, {"committee": "x", "date": "15/01/2026"}, {"date": "ab"}])
def test_members_endpoint_bad_input_is_a_vietnamese_400(admin_client, committee, params):
    response = admin_client.get(MEMBERS, params)
    assert response.status_code == 400
    assert "dd/mm/yyyy" in response.json()["error"]


def test_members_endpoint_is_staff_only(client, committee):
    response = client.get(MEMBERS, {"committee": committee.pk, "date": "15/01/2026"})
    assert response.status_code == 302
    user = User.objects.create_user("khach", password="mat-khau-dai-1", is_staff=True)
    client.force_login(user)
    assert client.get(MEMBERS).status_code == 403
    user.user_permissions.add(Permission.objects.get(codename="add_meeting"))
    assert client.get(MEMBERS, {"committee": committee.pk, "date": "15/01/2026"}).json()


def test_minutes_pasted_from_word_are_sanitised_through_the_admin(admin_client, committee, people):
    data = meeting_form(
        committee, people, minutes='<p style="mso-x:1" onclick="x()">Biên bản<script>1</script></p>'
    )
    admin_client.post(ADD, data)
    minutes = Meeting.objects.get().minutes
    assert minutes == "<p>Biên bản</p>"


@pytest.mark.parametrize("model", ["person", "unit", "committee", "meeting", "directive"], ids=str)
def test_admin_lists_and_forms_open(admin_client, make_directive, unit, model):
    directive = make_directive(unit=unit, deadline=datetime.date(2020, 1, 1))
    assert admin_client.get(reverse(f"admin:meetings_{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:meetings_{model}_add")).status_code == 200
    if model == "directive":
        html = admin_client.get(reverse("admin:meetings_directive_changelist")).content.decode()
        assert "Quá hạn" in html
        change = reverse("admin:meetings_directive_change", args=[directive.pk])
        assert admin_client.get(change).status_code == 200


def test_meeting_change_form_links_the_printable_minutes(admin_client, make_meeting):
    meeting = make_meeting(minutes="<p>Biên bản</p>")
    html = admin_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk])).content
    assert reverse("meetings:minutes", args=[meeting.slug]) in html.decode()


def test_date_inputs_show_the_day_month_year_format(admin_client):
    html = admin_client.get(ADD).content.decode()
    assert 'name="start_date"' in html and 'placeholder="dd/mm/yyyy"' in html
    assert 'name="directives-__prefix__-deadline"' in html
    assert html.count('placeholder="dd/mm/yyyy"') >= 5


def test_the_only_committee_is_chosen_already(admin_client, committee):
    form = admin_client.get(ADD).context["adminform"].form
    assert form.initial["committee"] == committee.pk


def test_the_chair_field_marks_the_chairs_attendance_row(admin_client, committee, people):
    data = meeting_form(committee, people)  # the chair field names people[0], a member row
    assert admin_client.post(ADD, data).status_code == 302
    meeting = Meeting.objects.get()
    roles = dict(meeting.attendances.values_list("person__full_name", "meeting_role"))
    assert roles == {"Trần Văn Một": "chair", "Lê Văn Hai": "member"}


def test_a_chair_row_fills_an_empty_chair_field(admin_client, committee, people):
    data = meeting_form(committee, people, chair="")
    data["attendances-1-meeting_role"] = "chair"
    assert admin_client.post(ADD, data).status_code == 302
    assert Meeting.objects.get().chair == people[1]


def test_the_administrator_is_told_how_to_create_accounts_and_unlock(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert "manage.py tao_tai_khoan" in html and "manage.py mo_khoa --ten-dang-nhap" in html
