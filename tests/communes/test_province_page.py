"""The province page: every commune's headline figures side by side, honestly summed."""

import json
from decimal import Decimal

import pytest

from communes.creation import create_commune
from communes.models import HostName, Province
from indicators.formatting import written_places
from indicators.models import Indicator, Qualifier, Value
from tests.communes.helpers import first_commune

pytestmark = pytest.mark.django_db

PROVINCE = "tinh.example"


def put(commune, code, year, number, qualifier=Qualifier.EXACT, published=True):
    number = Decimal(str(number))
    return Value.objects.create(
        commune=commune,
        indicator=Indicator.objects.get(code=code),
        year=year,
        value=number,
        decimals=written_places(number),
        qualifier=qualifier,
        is_published=published,
    )


@pytest.fixture
def province(data_hosts):
    province = Province.objects.create(name="tỉnh Thử Nghiệm")
    HostName.objects.create(name=PROVINCE, province=province)
    return province


@pytest.fixture
def three(province):
    """Three synthetic communes with look-alike 2025 figures (and one with 2024 too)."""
    one = first_commune()
    two = create_commune("xã Thử Hai", ["xa-hai.example"])
    three = create_commune("xã Thử Ba", ["xa-ba.example"])
    for commune, received, online, on_time, vneid in [
        (one, 2945, 1688, "91.24", ("98", Qualifier.ABOVE)),
        (two, 1000, 800, "95", ("98", Qualifier.EXACT)),
        (three, 500, 100, "91.24", ("97.5", Qualifier.EXACT)),
    ]:
        put(commune, "ho-so-tiep-nhan", 2025, received)
        put(commune, "ho-so-truc-tuyen", 2025, online)
        put(commune, "ho-so-dung-han", 2025, on_time)
        put(commune, "dan-co-tai-khoan-vneid", 2025, vneid[0], vneid[1])
    put(two, "ho-so-tiep-nhan", 2024, 900)
    put(two, "ho-so-truc-tuyen", 2024, 450)
    return one, two, three


def page(client, query=""):
    response = client.get("/" + query, HTTP_HOST=PROVINCE)
    assert response.status_code == 200
    return response.content.decode()


def test_the_province_rate_comes_from_summed_parts(client, three):
    html = page(client, "?nam=2025")
    # (1.688 + 800 + 100) / (2.945 + 1.000 + 500) = 2.588 / 4.445
    assert "58,22%" in html and "2.588 / 4.445 hồ sơ" in html
    assert "Tổng của 3 xã đã công bố" in html and "4.445" in html


def test_entered_rates_show_range_and_median_and_say_why(client, three):
    html = page(client, "?nam=2025")
    assert "từ 91,24% đến 95%, trung vị 91,24%" in html
    assert "không cộng lại thành tỷ lệ của tỉnh được" in html
    assert "từ 97,5% đến trên 98%" in html
    assert "Số liệu dạng “trên …” hoặc “dưới …” được tính theo mốc đã ghi." in html


def test_rates_are_ranked_with_ties_and_qualified_figures_after_their_bound(three):
    from communes.rollup import comparison

    result = comparison(2025)
    codes = [c.indicator.code for c in result.columns]
    ranks = {row.commune.name: [cell.rank for cell in row.cells] for row in result.rows}
    on_time = codes.index("ho-so-dung-han")
    vneid = codes.index("dan-co-tai-khoan-vneid")
    assert ranks["xã Thử Hai"][on_time] == 1
    assert ranks["xã Minh Đức"][on_time] == ranks["xã Thử Ba"][on_time] == 2  # a tie
    assert ranks["xã Minh Đức"][vneid] == 1  # "trên 98%" just past an exact 98%
    assert ranks["xã Thử Hai"][vneid] == 2
    counts = codes.index("ho-so-tiep-nhan")
    assert all(r[counts] is None for r in ranks.values())  # counts are never ranked


def test_sorting_works_without_javascript_and_cells_link_to_the_commune(client, three):
    html = page(client, "?nam=2025&xep=ho-so-dung-han")
    assert html.index("Xã Thử Hai") < html.index("Xã Minh Đức")
    assert 'aria-sort="descending"' in html
    assert 'href="http://xa-hai.example:8000/chi-so/chi-tieu/ho-so-dung-han/"' in html
    by_name = page(client, "?nam=2025&xep=ten&chieu=giam")
    assert by_name.index("Xã Thử Hai") < by_name.index("Xã Thử Ba") < by_name.index("Xã Minh")


def test_change_on_last_year_and_who_has_not_published(client, three):
    create_commune("xã Chưa Có", ["xa-chua.example"])
    html = page(client, "?nam=2025")
    assert "Tăng 30 điểm phần trăm so với năm 2024" in html  # 80% against 50%
    assert "Chưa công bố số liệu năm 2025: xã Chưa Có." in html


def test_a_chart_with_a_text_alternative(client, three):
    html = page(client, "?nam=2025")
    assert '<svg class="chart__svg"' in html and 'role="img"' in html
    assert "xã Thử Hai: 80%" in html


def test_exports_carry_the_same_figures(client, three):
    csv = client.get("/so-sanh.csv?nam=2025", HTTP_HOST=PROVINCE).content.decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("Xã,")
    assert "xã Thử Hai,80.0,,1,95.0,,1,98.0,,2,1000.0," in csv
    xlsx = client.get("/so-sanh.xlsx?nam=2025", HTTP_HOST=PROVINCE)
    assert xlsx.content[:2] == b"PK"
    data = json.loads(client.get("/so-sanh.json?nam=2025", HTTP_HOST=PROVINCE).content)
    assert data["year"] == 2025
    two = next(c for c in data["communes"] if c["name"] == "xã Thử Hai")
    assert two["figures"]["ty-le-ho-so-truc-tuyen"]["value"] == 80.0
    assert data["province"]["ty-le-ho-so-truc-tuyen"]["figure"] == "58,22%"


@pytest.mark.parametrize("query", ["?nam=abc", "?nam=1800", "?xep=khong-co"])
def test_bad_choices_get_the_vietnamese_404(client, three, query):
    response = client.get("/" + query, HTTP_HOST=PROVINCE)
    assert response.status_code == 404


@pytest.mark.usefixtures("rendered_pages")
def test_query_count_does_not_grow_with_communes(client, three, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    page(client, "?nam=2025")
    with CaptureQueriesContext(connection) as few:
        page(client, "?nam=2025")
    for n in range(5):
        commune = create_commune(f"xã Thêm {n}", [f"xa-them-{n}.example"])
        put(commune, "ho-so-tiep-nhan", 2025, 10 * n + 1)
    page(client, "?nam=2025")
    with CaptureQueriesContext(connection) as many:
        page(client, "?nam=2025")
    assert len(many) == len(few) > 0


def test_no_figures_yet_says_so(client, province):
    assert "Chưa xã nào công bố số liệu." in page(client)
