from decimal import Decimal

import pytest

from indicators.figures import meets, rate, year_report
from indicators.models import Comparator, Indicator, Qualifier, Target
from tests.communes.helpers import first_commune

from .conftest import put

pytestmark = pytest.mark.django_db

ABOVE, BELOW, EXACT = Qualifier.ABOVE, Qualifier.BELOW, Qualifier.EXACT
GTE, LTE = Comparator.AT_LEAST, Comparator.AT_MOST


def figure(code, year=2025):
    return year_report(first_commune(), year).by_code()[code]


def target(code, year, value, comparator=GTE):
    return Target.objects.create(
        indicator=Indicator.objects.get(code=code),
        year=year,
        value=Decimal(value),
        comparator=comparator,
        basis="Kế hoạch thử",
    )


def test_online_rate_is_computed_to_two_places(seed):
    online = figure("ty-le-ho-so-truc-tuyen")
    assert online.value == Decimal("57.32")
    assert online.display == "57,32%"
    assert online.formula_display == "1.688 / 2.945 hồ sơ"


def test_rate_with_zero_denominator_is_not_computable():
    put("ho-so-tiep-nhan", 2024, 0)
    put("ho-so-truc-tuyen", 2024, 0)
    online = figure("ty-le-ho-so-truc-tuyen", 2024)
    assert online.value is None and online.not_computable
    assert online.display == "Không tính được (mẫu số bằng 0)"
    assert rate(5, 0) is None


def test_rate_rounds_half_up():
    assert rate(1, 3) == Decimal("33.33")
    assert rate(2, 3) == Decimal("66.67")


def test_rate_needs_both_parts():
    put("ho-so-tiep-nhan", 2024, 100)
    assert figure("ty-le-ho-so-truc-tuyen", 2024).display == "Chưa có số liệu"


def test_values_are_written_the_vietnamese_way(seed):
    report = year_report(first_commune(), 2025).by_code()
    assert report["ho-so-tiep-nhan"].display == "2.945"
    assert report["ho-so-dung-han"].display == "trên 98%"
    assert report["dan-co-tai-khoan-vneid"].display == "91,24%"
    assert report["can-bo-co-may-tinh"].display == "100%"
    assert report["to-cong-nghe-so-cong-dong"].display == "19"


@pytest.mark.parametrize(
    ("value", "qualifier", "comparator", "goal", "expected"),
    [
        (98, EXACT, GTE, 98, True),
        (97, EXACT, GTE, 98, False),
        (98, ABOVE, GTE, 98, True),  # over 98 is at least 98
        (98, ABOVE, GTE, 99, None),  # over 98 may or may not reach 99
        (98, ABOVE, LTE, 95, False),
        (98, ABOVE, LTE, 99, None),
        (5, BELOW, GTE, 5, False),
        (5, BELOW, GTE, 3, None),
        (5, BELOW, LTE, 5, True),
        (5, EXACT, LTE, 5, True),
    ],
)
def test_bounded_figures_are_compared_honestly(value, qualifier, comparator, goal, expected):
    assert meets(Decimal(value), qualifier, comparator, Decimal(goal)) is expected


def test_same_year_target_gives_met(seed):
    target("ho-so-dung-han", 2025, "98")
    status = figure("ho-so-dung-han").status
    assert (status.code, status.label, status.css) == ("met", "Đạt chỉ tiêu năm 2025", "ok")


def test_same_year_target_gives_not_met(seed):
    target("dan-co-tai-khoan-vneid", 2025, "95")
    status = figure("dan-co-tai-khoan-vneid").status
    assert (status.code, status.label, status.css) == (
        "not_met",
        "Chưa đạt chỉ tiêu năm 2025",
        "bad",
    )


def test_bound_that_cannot_settle_a_target_says_so(seed):
    target("ho-so-dung-han", 2025, "99")
    assert figure("ho-so-dung-han").status.code == "undetermined"


def test_later_target_is_a_goal_with_distance_never_not_met(seed):
    target("dan-co-tai-khoan-vneid", 2030, "100")
    status = figure("dan-co-tai-khoan-vneid").status
    assert status.code == "goal"
    assert status.label == "Mục tiêu 2030: còn 8,76 điểm phần trăm"
    assert "Chưa đạt" not in status.label


def test_goal_already_reached_says_so(seed):
    target("to-cong-nghe-so-cong-dong", 2030, "15")
    assert figure("to-cong-nghe-so-cong-dong").status.label == "Mục tiêu 2030: đã đạt mức này"


def test_earlier_target_is_not_applied_to_a_later_year(seed):
    target("dan-co-tai-khoan-vneid", 2024, "99")
    assert figure("dan-co-tai-khoan-vneid").status.code == "no_target"


def test_no_target_says_so(seed):
    assert figure("ho-so-tiep-nhan").status.label == "Chưa có chỉ tiêu"


def test_change_in_percentage_points(seed):
    put("dan-co-tai-khoan-vneid", 2024, "88.5")
    assert figure("dan-co-tai-khoan-vneid").change == "Tăng 2,74 điểm phần trăm so với năm 2024"


def test_change_for_counts_and_rates(seed):
    put("ho-so-tiep-nhan", 2024, 3000)
    put("ho-so-truc-tuyen", 2024, 1500)
    assert figure("ho-so-tiep-nhan").change == "Giảm 55 hồ sơ so với năm 2024"
    assert figure("ty-le-ho-so-truc-tuyen").change == "Tăng 7,32 điểm phần trăm so với năm 2024"


def test_no_previous_year_says_so(seed):
    assert figure("ho-so-tiep-nhan").change == "Chưa có số liệu năm trước"


def test_bounds_are_not_subtracted(seed):
    put("ho-so-dung-han", 2024, 97, ABOVE)
    assert figure("ho-so-dung-han").change == "Không so sánh được (số liệu dạng khoảng)"


def test_unpublished_parts_are_left_out_of_the_public_report(seed):
    put("ho-so-truc-tuyen", 2025, 1688, published=False)
    assert figure("ty-le-ho-so-truc-tuyen").value is None
    staff_view = year_report(first_commune(), 2025, include_unpublished=True).by_code()[
        "ty-le-ho-so-truc-tuyen"
    ]
    assert staff_view.value == Decimal("57.32") and not staff_view.published
