import pytest

from indicators.models import Indicator, IndicatorGroup, Target
from indicators.starting_data import INDICATORS, create_catalogue

pytestmark = pytest.mark.django_db


def test_migrate_creates_the_catalogue():
    codes = set(Indicator.objects.values_list("code", flat=True))
    assert codes == {row[0] for row in INDICATORS}
    assert IndicatorGroup.objects.count() == 3


def test_online_rate_is_online_divided_by_received():
    rate = Indicator.objects.get(code="ty-le-ho-so-truc-tuyen")
    assert rate.is_rate and rate.is_percent
    assert rate.numerator.code == "ho-so-truc-tuyen"
    assert rate.denominator.code == "ho-so-tiep-nhan"


def test_catalogue_is_idempotent_and_keeps_edits():
    from django.apps import apps

    Indicator.objects.filter(code="ho-so-tiep-nhan").update(name="Tên đã sửa")
    create_catalogue(apps=apps)
    create_catalogue(apps=apps)
    assert Indicator.objects.count() == len(INDICATORS)
    assert Indicator.objects.get(code="ho-so-tiep-nhan").name == "Tên đã sửa"


def test_starting_data_has_no_targets():
    """Targets are entered only with their real source, never invented."""
    assert not Target.objects.exists()
