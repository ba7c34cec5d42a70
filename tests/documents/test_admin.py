"""The admin: the secretary enters documents, leadership publishes, errors an official reads."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.models import Document, DocumentType, Issuer
from meetings.models import Attachment
from staff import roles, worklist
from tests.staff.forms import form_data

from .conftest import pdf_bytes

pytestmark = pytest.mark.django_db

ADD = reverse("admin:documents_document_add")
LIST = reverse("admin:documents_document_changelist")


def filled(client, url=ADD, **changes):
    values = {
        "doc_type": str(DocumentType.objects.get(slug="ke-hoach").pk),
        "issuer": str(Issuer.objects.get(slug="ban-chi-dao-xa").pk),
        "number": "01/KH-BCĐ",
        "title": "Kế hoạch chuyển đổi số năm 2026",
        "issued_on": "05/01/2026",
        "scope": "public",
    }
    return form_data(client.get(url).content.decode(), **{**values, **changes})


def errors_of(response):
    assert response.status_code == 200, "the form should come back with its errors"
    return response.content.decode()


def test_secretary_adds_a_document_with_a_pdf_but_cannot_publish(client_as):
    client = client_as(roles.SECRETARY)
    data = filled(client, is_published="on")
    data["files-0-file"] = SimpleUploadedFile("ke-hoach.pdf", pdf_bytes("Ke hoach so 1"))
    data["files-0-title"] = "Toàn văn"
    response = client.post(ADD, data)
    assert response.status_code == 302
    document = Document.objects.get(number="01/KH-BCĐ")
    assert document.issued_on == datetime.date(2026, 1, 5)  # typed day first
    assert not document.is_published
    assert document.files.get().has_text
    assert document.history.latest().history_user == client.user


def test_leadership_publishes_with_the_action_and_then_the_secretary_cannot_change_it(
    client_as, make_document
):
    document = make_document(is_published=False)
    leader = client_as(roles.LEADER)
    leader.post(LIST, {"action": "publish", "_selected_action": [document.pk]})
    document.refresh_from_db()
    assert document.is_published and document.published_at
    secretary = client_as(roles.SECRETARY)
    change = reverse("admin:documents_document_change", args=[document.pk])
    assert (
        secretary.post(change, form_data(secretary.get(change).content.decode())).status_code == 403
    )
    delete = reverse("admin:documents_document_delete", args=[document.pk])
    assert secretary.post(delete, {"post": "yes"}).status_code == 403


def test_publishing_skips_internal_documents(client_as, make_document):
    internal = make_document(scope=Document.Scope.INTERNAL, is_published=False)
    client_as(roles.LEADER).post(LIST, {"action": "publish", "_selected_action": [internal.pk]})
    internal.refresh_from_db()
    assert not internal.is_published


def test_same_number_same_body_same_day_is_refused_with_a_message(admin_client, make_document):
    make_document(number="01/KH-BCĐ", issued_on=datetime.date(2026, 1, 5))
    html = errors_of(admin_client.post(ADD, filled(admin_client)))
    assert "Cơ quan này đã có văn bản cùng số ký hiệu ban hành cùng ngày." in html


def test_effect_before_issue_is_refused(admin_client):
    html = errors_of(admin_client.post(ADD, filled(admin_client, effective_from="04/01/2026")))
    assert "Ngày có hiệu lực không được trước ngày ban hành." in html


def test_end_before_effect_is_refused(admin_client):
    data = filled(admin_client, effective_from="10/01/2026", effective_until="09/01/2026")
    html = errors_of(admin_client.post(ADD, data))
    assert "Ngày hết hiệu lực không được trước ngày có hiệu lực." in html


def test_a_secret_document_cannot_be_published_in_the_admin(admin_client):
    data = filled(admin_client, scope="secret", is_published="on")
    html = errors_of(admin_client.post(ADD, data))
    assert "Văn bản mật không bao giờ được công bố trên cổng." in html


def test_a_fake_pdf_is_refused_with_a_message(admin_client):
    data = filled(admin_client)
    data["files-0-file"] = SimpleUploadedFile("ke-hoach.pdf", b"MZ not a pdf")
    html = errors_of(admin_client.post(ADD, data))
    assert "không phải PDF thật" in html
    assert "hãy chọn lại “ke-hoach.pdf” rồi bấm Lưu" in html
    assert not Document.objects.exists()


def test_a_meeting_plan_becomes_a_document_without_typing_it_again(client_as, make_meeting):
    meeting = make_meeting(title="Họp Ban Chỉ đạo tháng 1")
    attachment = Attachment.objects.create(
        meeting=meeting,
        title="Kế hoạch chuyển đổi số năm 2026",
        kind=Attachment.Kind.PLAN,
        file=SimpleUploadedFile("ke-hoach.pdf", pdf_bytes("Ke hoach chuyen doi so")),
    )
    Attachment.objects.create(
        meeting=meeting, title="Báo cáo", file=SimpleUploadedFile("bc.pdf", b"%PDF-1.4")
    )
    client = client_as(roles.SECRETARY)
    meetings_list = reverse("admin:meetings_meeting_changelist")
    response = client.post(
        meetings_list, {"action": "documents_from_attachments", "_selected_action": [meeting.pk]}
    )
    assert response.status_code == 302 and response["Location"].startswith(ADD)
    page = client.get(response["Location"]).content.decode()
    assert "Kế hoạch chuyển đổi số năm 2026" in page
    data = form_data(page, number="02/KH-BCĐ")
    assert client.post(ADD, data).status_code == 302
    document = Document.objects.get(number="02/KH-BCĐ")
    assert document.issued_at_meeting == meeting and document.doc_type.slug == "ke-hoach"
    assert document.issued_on == meeting.day
    document_file = document.files.get()
    assert document_file.source_attachment == attachment and "chuyen doi so" in document_file.text
    # Done once: the attachment is no longer offered.
    response = client.post(
        meetings_list, {"action": "documents_from_attachments", "_selected_action": [meeting.pk]}
    )
    assert response.status_code == 302 and response["Location"] == meetings_list


def test_the_action_is_not_offered_to_roles_that_cannot_add_documents(client_as, make_meeting):
    make_meeting()
    html = client_as(roles.LEADER).get(reverse("admin:meetings_meeting_changelist")).content
    assert "documents_from_attachments" not in html.decode()
    html = client_as(roles.SECRETARY).get(reverse("admin:meetings_meeting_changelist")).content
    assert "documents_from_attachments" in html.decode()


def test_leadership_work_list_shows_documents_waiting_to_be_published(client_as, make_document):
    make_document(number="04/KH-BCĐ", title="Kế hoạch chờ công bố", is_published=False)
    make_document(number="05/KH-BCĐ", scope=Document.Scope.INTERNAL, is_published=False)
    make_document(number="06/KH-BCĐ")
    leader = client_as(roles.LEADER)
    text = leader.get(reverse("admin:index")).content.decode()
    assert "Văn bản chờ công bố: 1" in text
    assert "Kế hoạch số 04/KH-BCĐ: Kế hoạch chờ công bố" in text
    assert "05/KH-BCĐ" not in text and "06/KH-BCĐ" not in text
    [section] = [s for s in worklist.for_user(leader.user) if s.title == "Văn bản chờ công bố"]
    listed = leader.get(section.changelist_url).content.decode()
    assert "04/KH-BCĐ" in listed and "06/KH-BCĐ" not in listed
    assert (
        "Văn bản chờ công bố"
        not in client_as(roles.SECRETARY).get(reverse("admin:index")).content.decode()
    )
