"""The document's fields, its relations both ways and the rules the data keeps."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from documents.models import Document, DocumentRelation, DocumentType, Issuer
from indicators.models import Indicator, Target

pytestmark = pytest.mark.django_db


def test_every_field_of_a_document_is_kept(make_document):
    document = make_document(
        number="57-NQ/TW",
        type="nghi-quyet",
        issuer="bo-chinh-tri",
        title="Về đột phá phát triển khoa học, công nghệ",
        signer="Tổng Bí thư",
        signer_title="Tổng Bí thư",
        issued_on=datetime.date(2024, 12, 22),
        effective_from=datetime.date(2024, 12, 22),
    )
    document.refresh_from_db()
    assert str(document) == "Nghị quyết số 57-NQ/TW"
    assert document.slug == "nghi-quyet-57-nq-tw"
    assert document.issuer.name == "Bộ Chính trị"
    assert document.published_at is not None


def test_the_lists_officials_extend_start_filled():
    assert DocumentType.objects.filter(name="Thông báo kết luận", has_effect=False).exists()
    assert {"Bộ Chính trị", "Ủy ban nhân dân xã", "Ban Chỉ đạo xã"} <= set(
        Issuer.objects.values_list("name", flat=True)
    )


def test_number_is_unique_per_issuer_and_issue_date(make_document):
    make_document(number="01/KH-BCĐ", issued_on=datetime.date(2025, 1, 1))
    # A new term numbers from 1 again; another body may use the same number.
    make_document(number="01/KH-BCĐ", issued_on=datetime.date(2026, 1, 1))
    make_document(number="01/KH-BCĐ", issued_on=datetime.date(2025, 1, 1), issuer="ubnd-xa")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_document(number="01/KH-BCĐ", issued_on=datetime.date(2025, 1, 1))


def test_dates_are_checked_in_the_database_too(make_document):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_document(issued_on=datetime.date(2025, 5, 1), effective_from=datetime.date(2025, 4, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        make_document(
            issued_on=datetime.date(2025, 5, 1), effective_until=datetime.date(2025, 4, 30)
        )


def test_a_secret_document_can_never_be_published(make_document):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_document(scope=Document.Scope.SECRET, is_published=True)
    document = make_document(scope=Document.Scope.SECRET, is_published=False)
    document.is_published = True
    with pytest.raises(ValidationError) as error:
        document.full_clean()
    assert error.value.message_dict["is_published"] == [
        "Văn bản mật không bao giờ được công bố trên cổng."
    ]


def test_relations_read_both_ways(make_document):
    plan = make_document(number="02/KH-BCĐ")
    resolution = make_document(number="57-NQ/TW", type="nghi-quyet", issuer="bo-chinh-tri")
    relation = DocumentRelation.objects.create(source=plan, kind="basis", target=resolution)
    assert list(resolution.relations_in.all()) == [relation]
    assert relation.get_kind_display() == "căn cứ"
    assert relation.reverse_label == "là căn cứ của"
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentRelation.objects.create(source=plan, kind="basis", target=plan)


def test_meetings_directives_and_targets_reach_documents_by_reverse_relations(
    make_document, make_meeting
):
    meeting = make_meeting()
    directive = meeting.directives.create(text="Triển khai kế hoạch")
    document = make_document(issued_at_meeting=meeting)
    document.reviewed_at.add(meeting)
    document.directives.add(directive)
    indicator = Indicator.objects.order_by("pk").first()
    Target.objects.create(
        indicator=indicator, year=2030, value=80, basis="Kế hoạch", basis_document=document
    )
    assert list(meeting.documents_issued.published()) == [document]
    assert list(meeting.documents_reviewed.published()) == [document]
    assert list(directive.documents.all()) == [document]
    assert document.targets.get().basis == "Kế hoạch"
