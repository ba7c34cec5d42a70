import pytest
from django.urls import reverse
from django.utils import timezone

from indicators.models import Indicator, Value

from .conftest import put

pytestmark = pytest.mark.django_db


def post_value(client, code, year, value, qualifier="", **extra):
    data = {
        "indicator": Indicator.objects.get(code=code).pk,
        "year": year,
        "value": value,
        "qualifier": qualifier,
        "note": "ghi chú đã gõ",
        "source_text": "Báo cáo đã gõ",
        "source_meeting": "",
        **extra,
    }
    return client.post(reverse("admin:indicators_value_add"), data)


def errors(response):
    return response.content.decode()


def test_valid_value_is_saved_with_who_and_when(staff_client):
    response = post_value(staff_client, "dan-co-tai-khoan-vneid", 2025, "91,24")
    assert response.status_code == 302
    value = Value.objects.get()
    assert str(value.value) == "91.2400"
    assert value.entered_by == staff_client.user and not value.is_published


def test_percent_above_100_is_refused_and_input_kept(staff_client):
    response = post_value(staff_client, "dan-co-tai-khoan-vneid", 2025, "101")
    html = errors(response)
    assert response.status_code == 200
    assert "Tỷ lệ phần trăm phải từ 0 đến 100." in html
    assert 'value="ghi chú đã gõ"' in html and 'value="101"' in html
    assert not Value.objects.exists()


def test_negative_value_is_refused(staff_client):
    html = errors(post_value(staff_client, "ho-so-tiep-nhan", 2025, "-1"))
    assert "Giá trị không được âm." in html


def test_count_must_be_whole(staff_client):
    html = errors(post_value(staff_client, "ho-so-tiep-nhan", 2025, "10,5"))
    assert "Chỉ số số lượng phải là số nguyên." in html


def test_online_cannot_exceed_received(staff_client):
    put("ho-so-tiep-nhan", 2025, 2945)
    html = errors(post_value(staff_client, "ho-so-truc-tuyen", 2025, "3000"))
    assert "không được lớn hơn Tổng số hồ sơ thủ tục hành chính tiếp nhận" in html
    assert Value.objects.count() == 1


def test_received_cannot_be_below_online(staff_client):
    put("ho-so-truc-tuyen", 2025, 1688)
    html = errors(post_value(staff_client, "ho-so-tiep-nhan", 2025, "1000"))
    assert "không được nhỏ hơn Số hồ sơ thủ tục hành chính nộp trực tuyến" in html


@pytest.mark.parametrize("year", [1800, 1999])
def test_year_too_early_is_refused(staff_client, year):
    html = errors(post_value(staff_client, "ho-so-tiep-nhan", year, "10"))
    assert "Năm phải từ 2000 đến" in html


def test_future_year_is_refused(staff_client):
    year = timezone.localdate().year + 1
    html = errors(post_value(staff_client, "ho-so-tiep-nhan", year, "10"))
    assert f"Năm phải từ 2000 đến {year - 1}." in html


def test_one_value_per_indicator_and_year(staff_client):
    put("ho-so-tiep-nhan", 2025, 2945)
    html = errors(post_value(staff_client, "ho-so-tiep-nhan", 2025, "2945"))
    assert "Chỉ số này đã có số liệu cho năm này." in html


def test_rate_cannot_be_typed(staff_client):
    response = post_value(staff_client, "ty-le-ho-so-truc-tuyen", 2025, "57,32")
    assert response.status_code == 200
    assert not Value.objects.exists()
    form = staff_client.get(reverse("admin:indicators_value_add")).content.decode()
    assert "Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến" not in form


def test_model_clean_refuses_a_typed_rate(db):
    from django.core.exceptions import ValidationError

    value = Value(indicator=Indicator.objects.get(code="ty-le-ho-so-truc-tuyen"), year=2025)
    value.value = 57
    with pytest.raises(ValidationError, match="được tính tự động"):
        value.full_clean()


def test_rate_indicator_needs_count_parts(db):
    from django.core.exceptions import ValidationError

    rate = Indicator.objects.get(code="ty-le-ho-so-truc-tuyen")
    rate.numerator = Indicator.objects.get(code="dan-co-tai-khoan-vneid")
    with pytest.raises(ValidationError, match="chỉ số số lượng khác"):
        rate.full_clean()


def test_percent_target_above_100_is_refused(db):
    from django.core.exceptions import ValidationError

    from indicators.models import Target

    target = Target(
        indicator=Indicator.objects.get(code="dan-co-tai-khoan-vneid"),
        year=2030,
        value=120,
        basis="thử",
    )
    with pytest.raises(ValidationError, match="0 đến 100"):
        target.full_clean()


def test_admin_lists_values_formatted(staff_client, seed):
    html = staff_client.get(reverse("admin:indicators_value_changelist")).content.decode()
    assert "trên 98%" in html and "2.945" in html and "Nhập từ Excel" in html


def test_admin_lists_years_without_thousands_separator(staff_client, seed):
    html = staff_client.get(reverse("admin:indicators_value_changelist")).content.decode()
    assert "2.025" not in html
