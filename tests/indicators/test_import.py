import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.exports import HEADERS
from indicators.models import Value

from .conftest import put

pytestmark = pytest.mark.django_db
URL = "admin:indicators_value_import"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(rows, header=("Mã chỉ số", "Năm", "Giá trị", "Dấu", "Nguồn", "Ghi chú")):
    book = openpyxl.Workbook()
    book.active.append(list(header))
    for row in rows:
        book.active.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client, content, name="so-lieu.xlsx"):
    return client.post(
        reverse(URL), {"workbook": SimpleUploadedFile(name, content, content_type=XLSX)}
    )


def confirm(client, response):
    return client.post(reverse(URL), {"token": response.context["token"]})


def test_openpyxl_reads_xml_through_defusedxml():
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True


def test_preview_saves_nothing(staff_client):
    content = workbook([("ho-so-tiep-nhan", 2024, 2800, "", "Báo cáo 2024", "")])
    response = upload(staff_client, content)
    assert [row.action for row in response.context["rows"]] == ["new"]
    assert "Xác nhận lưu tất cả" in response.content.decode()
    assert not Value.objects.exists()


def test_confirm_saves_all_rows_unpublished(staff_client):
    content = workbook(
        [
            ("ho-so-tiep-nhan", 2024, 2800, "", "Báo cáo 2024", ""),
            ("ho-so-truc-tuyen", 2024, "1.500", "", "Báo cáo 2024", ""),
            ("ho-so-dung-han", 2024, "97,5", "trên", "", "ước tính"),
        ]
    )
    response = confirm(staff_client, upload(staff_client, content))
    assert response.status_code == 302
    values = {v.indicator.code: v for v in Value.objects.select_related("indicator")}
    assert values["ho-so-truc-tuyen"].value == Decimal(1500)
    assert values["ho-so-dung-han"].value == Decimal("97.5")
    assert values["ho-so-dung-han"].qualifier == "tren"
    assert not any(v.is_published for v in values.values())
    assert values["ho-so-tiep-nhan"].entered_by == staff_client.user


def test_rows_with_errors_are_listed_and_nothing_is_saved(staff_client):
    content = workbook(
        [
            ("ho-so-tiep-nhan", 2024, 100, "", "", ""),
            ("ho-so-truc-tuyen", 2024, 150, "", "", ""),  # more online than received
            ("dan-co-tai-khoan-vneid", 2024, 120, "", "", ""),
            ("khong-co", 2024, 1, "", "", ""),
            ("ho-so-dung-han", "abcd", 90, "", "", ""),
            ("ho-so-so-hoa-khi-tiep-nhan", 1800, 90, "", "", ""),
            ("can-bo-co-may-tinh", 2024, "nhiều", "", "", ""),
            ("can-bo-dung-van-ban-dien-tu", 2024, 90, "khoảng", "", ""),
        ]
    )
    response = upload(staff_client, content)
    html = response.content.decode()
    assert response.context["token"] is None
    for message in [
        "không được lớn hơn",
        "Tỷ lệ phần trăm phải từ 0 đến 100.",
        "Không có chỉ số mã “khong-co”.",
        "Năm không hợp lệ.",
        "Năm phải từ 2000 đến",
        "không phải là số",
        "Dấu chỉ được để trống",
    ]:
        assert message in html
    assert "Xác nhận lưu tất cả" not in html
    assert not Value.objects.exists()


def test_duplicate_rows_in_the_file_are_refused(staff_client):
    content = workbook(
        [("ho-so-tiep-nhan", 2024, 1, "", "", ""), ("ho-so-tiep-nhan", 2024, 2, "", "", "")]
    )
    assert "lặp lại trong tệp" in upload(staff_client, content).content.decode()


def test_confirm_is_all_or_nothing_when_data_changed_meanwhile(staff_client):
    content = workbook(
        [("ho-so-dung-han", 2024, 90, "", "", ""), ("ho-so-tiep-nhan", 2024, 1000, "", "", "")]
    )
    preview = upload(staff_client, content)
    put("ho-so-truc-tuyen", 2024, 1500)  # another official enters more online than received
    response = confirm(staff_client, preview)
    assert response.status_code == 200
    assert "Không lưu gì" in response.content.decode()
    assert list(Value.objects.values_list("indicator__code", flat=True)) == ["ho-so-truc-tuyen"]


def test_reimporting_the_export_changes_nothing(staff_client, seed):
    exported = staff_client.get(reverse("indicators:year-xlsx", kwargs={"year": 2025})).content
    before = list(Value.objects.order_by("pk").values())
    response = upload(staff_client, exported)
    actions = {row.code: row.action for row in response.context["rows"]}
    assert set(actions.values()) == {"unchanged", "skip"}
    assert actions["ty-le-ho-so-truc-tuyen"] == "skip"
    assert "Bỏ qua (chỉ số tính tự động)" in response.content.decode()
    confirm(staff_client, response)
    assert list(Value.objects.order_by("pk").values()) == before


def test_export_headers_are_what_the_import_reads():
    for name in ("Mã chỉ số", "Năm", "Giá trị", "Dấu", "Nguồn", "Ghi chú"):
        assert name in HEADERS


def test_file_that_is_not_a_workbook_is_refused(staff_client):
    response = upload(staff_client, b"not a zip file")
    assert "Không đọc được tệp" in response.content.decode()


def test_other_extension_is_refused(staff_client):
    response = upload(staff_client, b"a,b", name="so-lieu.csv")
    assert "Hãy chọn tệp .xlsx." in response.content.decode()


def test_large_file_is_refused(staff_client):
    response = upload(staff_client, b"0" * (2 * 1024 * 1024 + 1))
    assert "Tệp quá lớn" in response.content.decode()


def test_missing_columns_are_named(staff_client):
    response = upload(staff_client, workbook([("x",)], header=("Mã chỉ số",)))
    assert "Thiếu cột: Năm, Giá trị." in response.content.decode()


def test_tampered_token_saves_nothing(staff_client):
    response = staff_client.post(reverse(URL), {"token": "gia-mao"}, follow=True)
    assert "hết hạn hoặc không hợp lệ" in response.content.decode()
    assert not Value.objects.exists()


def test_import_needs_permission(client, db):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("xem", password="mat-khau-dai-1", is_staff=True)
    client.force_login(user)
    assert client.get(reverse(URL)).status_code == 403
