import re

import pytest
from django.urls import reverse

from indicators.models import Indicator, IndicatorGroup, Qualifier

from .conftest import put

pytestmark = pytest.mark.django_db

SEED_TEXTS = ["2.945", "1.688", "57,32%", "trên 98%", "91,24%", "19", "100%"]


def page(client, year=2025):
    response = client.get(reverse("indicators:year", kwargs={"year": year}))
    assert response.status_code == 200
    return response.content.decode()


def test_year_page_shows_the_seed_figures(client, seed):
    html = page(client)
    for text in SEED_TEXTS:
        assert text in html
    assert "Chỉ số chuyển đổi số năm 2025" in html

    assert html.count("Chưa có chỉ tiêu cho năm 2025; chưa có số liệu năm 2024 để so sánh.") == 1
    assert "Chưa có số liệu năm trước" not in html
    assert html.count("Chưa có chỉ tiêu") == 1


def test_sources_are_short_links_to_the_meeting(client, db):
    from indicators import demo
    from meetings import demo as meetings_demo

    from .conftest import FakeCommand

    meetings_demo.load(FakeCommand())
    demo.load(FakeCommand())
    html = page(client)
    assert html.count(">Cuộc họp 15/01/2026</a>") == 9
    assert "Báo cáo kết quả thực hiện Nghị quyết số 57-NQ/TW năm 2025" not in html


def test_a_computed_rate_shows_how(client, seed):
    html = page(client)
    assert "1.688 / 2.945 hồ sơ" in html
    home = client.get(reverse("portal:home")).content.decode()
    assert "57,32%" in home and "1.688 / 2.945 hồ sơ" in home


def test_a_section_without_targets_says_so_once_when_others_have_one(client, seed):
    from indicators.models import Target

    Target.objects.create(
        indicator=Indicator.objects.get(code="ho-so-tiep-nhan"), year=2025, value=2000, basis="KH"
    )
    html = page(client)
    # Xã hội số and Hạ tầng số, each above its tiles and in its rows of the table (the
    # table's copy is for print and phones, where the tiles are not shown)
    assert html.count("Chưa có chỉ tiêu cho năm 2025") == 4
    assert "Chỉ số không ghi chỉ tiêu là chưa có chỉ tiêu" in html


def test_dashboard_shows_the_latest_year_with_published_figures(client, seed):
    put("ho-so-tiep-nhan", 2026, 100, published=False)
    html = client.get(reverse("indicators:dashboard")).content.decode()
    assert "Chỉ số chuyển đổi số năm 2025" in html


def test_dashboard_without_figures_says_so(client, db):
    response = client.get(reverse("indicators:dashboard"))
    assert response.status_code == 200
    assert "Chưa có số liệu nào được công bố" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/chi-so/1800/",
        "/chi-so/abcd/",
        "/chi-so/99999999999999999999/",
        "/chi-so/1800.csv",
        "/chi-so/99999999999999999999.xlsx",
        "/chi-so/chi-tieu/khong-co/",
    ],
)
def test_bad_years_and_codes_answer_404(client, seed, path):
    assert client.get(path).status_code == 404


def test_year_without_figures_answers_404(client, seed):
    assert client.get(reverse("indicators:year", kwargs={"year": 2019})).status_code == 404


def test_unpublished_figures_are_hidden_from_the_public(client, seed):
    put("dan-co-tai-khoan-vneid", 2025, "91.24", published=False)
    html = page(client)
    assert "91,24%" not in html and "Chưa công bố" not in html


def test_staff_see_unpublished_figures_marked(staff_client, seed):
    put("dan-co-tai-khoan-vneid", 2025, "91.24", published=False)
    response = staff_client.get(reverse("indicators:year", kwargs={"year": 2025}))
    html = response.content.decode()
    assert "91,24%" in html and "Chưa công bố" in html
    assert "no-store" in response.headers["Cache-Control"]


def test_public_page_sets_no_session_cookie(client, seed):
    client.cookies["md_visit"] = "1"  # a returning visitor: nothing to count
    response = client.get(reverse("indicators:year", kwargs={"year": 2025}))
    assert not response.cookies
    assert "Cookie" not in response.headers.get("Vary", "")


def test_years_link_to_each_other(client, seed):
    put("ho-so-tiep-nhan", 2024, 2800)
    html = page(client)
    assert 'href="/chi-so/2024/"' in html and "‹ Năm 2024" in html
    assert 'href="/chi-so/2025/"' in page(client, 2024)


def test_chart_is_accessible_svg_with_text_alternative(client, seed):
    html = page(client)
    assert '<svg class="chart__svg"' in html and 'role="img"' in html
    assert "<title id=" in html and "<desc id=" in html
    assert "Tỷ lệ hồ sơ trực tuyến: 57,32%" in html
    assert 'href="#bang-2025"' in html and 'id="bang-2025"' in html


def test_page_has_no_inline_script_or_style(client, seed):
    html = page(client)
    # Scripts only from static files (progressive enhancement), never inline.
    assert not re.search(r"<script(?![^>]*\ssrc=)", html)
    assert "style=" not in html and " onclick=" not in html


def test_print_stylesheet_is_linked(client, seed):
    html = page(client)
    assert "css/indicators.css" in html


@pytest.mark.usefixtures("rendered_pages")
def test_dashboard_query_count_is_pinned_and_constant(client, seed, django_assert_num_queries):
    client.cookies["md_visit"] = "1"
    url = reverse("indicators:year", kwargs={"year": 2025})
    client.get(url)  # the layout's identity and visit totals are made ahead
    with django_assert_num_queries(4):
        client.get(url)
    group = IndicatorGroup.objects.create(code="them", name="Nhóm thêm", order=9)
    for i in range(15):
        indicator = Indicator.objects.create(
            code=f"them-{i}",
            name=f"Chỉ số thêm {i}",
            short_name=f"Thêm {i}",
            group=group,
            unit=Indicator.Unit.COUNT,
        )
        for year in range(2015, 2026):
            put(indicator.code, year, i + year)
    put("ho-so-dung-han", 2024, 97, Qualifier.ABOVE)
    client.get(url)
    with django_assert_num_queries(4):
        client.get(url)


def test_latest_year_page_adds_one_query(client, seed, django_assert_num_queries):
    client.cookies["md_visit"] = "1"
    with django_assert_num_queries(7):
        client.get(reverse("indicators:dashboard"))


def test_indicator_page_shows_formula_history_and_meeting(client, seed):
    put("ho-so-tiep-nhan", 2024, 2000)
    put("ho-so-truc-tuyen", 2024, 1000)
    url = reverse("indicators:detail", kwargs={"code": "ty-le-ho-so-truc-tuyen"})
    html = client.get(url).content.decode()
    assert "Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến" in html
    assert "50%" in html and "57,32%" in html
    assert "1.000 / 2.000 hồ sơ" in html and "Quyết định số 766/QĐ-TTg" in html
    assert "Chưa có chỉ tiêu cho chỉ số này." in html
    assert "<svg" in html and 'role="img"' in html


def test_indicator_page_lists_the_reviewing_meeting(client, seed):
    from meetings.demo import SEED_MEETING_SLUG
    from meetings.models import Committee, Meeting

    committee = Committee.objects.first() or Committee.objects.create(name="Ban", slug="ban")
    meeting = Meeting.objects.filter(slug=SEED_MEETING_SLUG).first() or Meeting.objects.create(
        committee=committee,
        title="Họp tổng kết 2025",
        slug="hop-2025",
        start="2026-01-15T08:00:00+07:00",
        status=Meeting.Status.HELD,
        reviewed_year=2025,
    )
    url = reverse("indicators:detail", kwargs={"code": "dan-co-tai-khoan-vneid"})
    assert meeting.get_absolute_url() in client.get(url).content.decode()


@pytest.mark.usefixtures("rendered_pages")
def test_indicator_page_query_count_is_constant(client, seed, django_assert_num_queries):
    client.cookies["md_visit"] = "1"
    url = reverse("indicators:detail", kwargs={"code": "ty-le-ho-so-truc-tuyen"})
    client.get(url)  # the layout's identity and visit totals are made ahead
    with django_assert_num_queries(4):
        client.get(url)
    for year in range(2015, 2025):
        put("ho-so-tiep-nhan", year, 1000)
        put("ho-so-truc-tuyen", year, 500)
    client.get(url)
    with django_assert_num_queries(4):
        client.get(url)


def test_latest_year_page_names_the_year_page_as_canonical(client, seed):
    html = client.get(reverse("indicators:dashboard")).content.decode()
    assert html.count('rel="canonical"') == 1
    assert '/chi-so/2025/"' in html.split('rel="canonical"')[1].split(">")[0]
