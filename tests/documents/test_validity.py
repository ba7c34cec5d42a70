"""Validity is derived from the type, the dates and the relations, for every state."""

import datetime

import pytest
from django.urls import reverse

from documents.models import Document, DocumentRelation, Validity

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 1, 15)


def validity(document):
    row = Document.objects.with_validity(TODAY).get(pk=document.pk)
    return row.validity, str(row.validity_label)


def test_in_force_from_the_issue_date_when_no_effect_date(make_document):
    document = make_document(issued_on=datetime.date(2025, 1, 1))
    assert validity(document) == (Validity.IN_FORCE, "Còn hiệu lực")


def test_not_yet_in_force_before_its_effect_date(make_document):
    document = make_document(
        issued_on=datetime.date(2026, 1, 10), effective_from=datetime.date(2026, 2, 1)
    )
    assert validity(document) == (Validity.NOT_YET, "Chưa có hiệu lực")


def test_not_yet_in_force_when_issued_later_without_effect_date(make_document):
    document = make_document(issued_on=datetime.date(2026, 3, 1))
    assert validity(document)[0] == Validity.NOT_YET


def test_expired_after_its_end_date(make_document):
    document = make_document(
        issued_on=datetime.date(2024, 1, 1), effective_until=datetime.date(2025, 12, 31)
    )
    assert validity(document) == (Validity.EXPIRED, "Hết hiệu lực")


def test_last_day_is_still_in_force(make_document):
    document = make_document(issued_on=datetime.date(2024, 1, 1), effective_until=TODAY)
    assert validity(document)[0] == Validity.IN_FORCE


def test_replaced_by_a_published_document_in_effect(make_document):
    old = make_document(number="01/KH-BCĐ", issued_on=datetime.date(2024, 1, 1))
    new = make_document(number="05/KH-BCĐ", issued_on=datetime.date(2025, 6, 1))
    DocumentRelation.objects.create(source=new, kind="replaces", target=old)
    assert validity(old) == (Validity.REPLACED, "Bị thay thế bởi 05/KH-BCĐ")
    assert validity(new)[0] == Validity.IN_FORCE


def test_a_draft_or_future_replacement_does_not_replace_yet(make_document):
    old = make_document(issued_on=datetime.date(2024, 1, 1))
    draft = make_document(issued_on=datetime.date(2025, 6, 1), is_published=False)
    future = make_document(
        issued_on=datetime.date(2026, 1, 1), effective_from=datetime.date(2026, 6, 1)
    )
    for source in (draft, future):
        DocumentRelation.objects.create(source=source, kind="replaces", target=old)
    assert validity(old)[0] == Validity.IN_FORCE


def test_amending_does_not_replace(make_document):
    old = make_document(issued_on=datetime.date(2024, 1, 1))
    DocumentRelation.objects.create(source=make_document(), kind="amends", target=old)
    assert validity(old)[0] == Validity.IN_FORCE


@pytest.mark.parametrize("kind", ["bao-cao", "thong-bao-ket-luan", "cong-van"])
def test_reports_and_notices_have_no_validity(make_document, kind):
    document = make_document(type=kind, effective_until=datetime.date(2025, 4, 1))
    assert validity(document) == (Validity.NOT_APPLICABLE, "Không áp dụng")


def test_the_page_names_and_links_the_replacing_document(counted_client, make_document):
    old = make_document(number="01/KH-BCĐ", issued_on=datetime.date(2024, 1, 1))
    new = make_document(number="05/KH-BCĐ", issued_on=datetime.date(2025, 6, 1))
    DocumentRelation.objects.create(source=new, kind="replaces", target=old)
    html = counted_client.get(old.get_absolute_url()).content.decode()
    assert "Bị thay thế bởi" in html
    assert f'href="{reverse("documents:detail", args=[new.slug])}">05/KH-BCĐ</a>' in html
