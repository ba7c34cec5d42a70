"""The register as open data: CSV, XLSX and JSON, with the list's filters and safe texts."""

import csv
import datetime
import io
import zipfile

import openpyxl
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/","Bấm vào")'


@pytest.fixture
def register(make_document):
    make_document(
        number="57-NQ/TW",
        type="nghi-quyet",
        issuer="bo-chinh-tri",
        title="Về đột phá phát triển khoa học",
        issued_on=datetime.date(2024, 12, 22),
    )
    make_document(number="01/KH-BCĐ", title=FORMULA, signer="+84 912 345 678")
    make_document(number="02/KH-BCĐ", title="Bản nháp", is_published=False)


def test_csv_has_every_column_and_neutralised_texts(client, register):
    response = client.get(reverse("documents:export-csv"))
    assert response["Content-Disposition"] == 'attachment; filename="van-ban.csv"'
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["Số ký hiệu", "Loại", "Cơ quan ban hành", "Ngày ban hành"]
    by_number = {row[0]: row for row in rows[1:]}
    assert set(by_number) == {"57-NQ/TW", "01/KH-BCĐ"}
    assert by_number["57-NQ/TW"][3] == "22/12/2024"
    assert by_number["57-NQ/TW"][10] == "Còn hiệu lực"
    assert by_number["01/KH-BCĐ"][7] == "'" + FORMULA
    assert by_number["01/KH-BCĐ"][8] == "'+84 912 345 678"


def test_xlsx_holds_texts_as_strings_never_formulas(client, register):
    content = client.get(reverse("documents:export-xlsx")).content
    sheet_xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    titles = [row[7] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert FORMULA in titles


def test_json_keeps_texts_exactly_and_follows_the_filters(client, register):
    data = client.get(reverse("documents:export-json")).json()
    assert data["schema"] == "minhduc-van-ban/1"
    assert {d["title"] for d in data["documents"]} >= {FORMULA}
    filtered = client.get(reverse("documents:export-json"), {"loai": "nghi-quyet"}).json()
    [resolution] = filtered["documents"]
    assert resolution["number"] == "57-NQ/TW" and resolution["issued_on"] == "2024-12-22"
    assert resolution["validity"] == "con-hieu-luc"


def test_demo_has_resolution_57_reviewed_at_the_seed_meeting(client, demo):
    from documents.models import Document
    from meetings.demo import SEED_MEETING_SLUG

    document = Document.objects.get(number="57-NQ/TW")
    assert document.issued_on == datetime.date(2024, 12, 22)
    assert document.issuer.name == "Bộ Chính trị" and not document.files.exists()
    assert list(document.reviewed_at.values_list("slug", flat=True)) == [SEED_MEETING_SLUG]
    assert Document.objects.count() == 1  # nothing else is invented
    meeting_page = client.get(document.reviewed_at.get().get_absolute_url()).content.decode()
    assert "Nghị quyết số 57-NQ/TW" in meeting_page
