import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management.base import OutputWrapper

from indicators import demo
from indicators.formatting import written_places
from indicators.models import Indicator, Qualifier, Value


class FakeCommand:
    def __init__(self):
        self.stdout = OutputWrapper(io.StringIO())


@pytest.fixture
def seed(db):
    """The seed's 2025 figures, as load_demo adds them."""
    demo.load(FakeCommand())


def put(code, year, number, qualifier=Qualifier.EXACT, published=True, **extra):
    """Store one figure directly (no validation), for building test situations; its
    decimals are those written ("93.5" → 1)."""
    value, _ = Value.objects.update_or_create(
        indicator=Indicator.objects.get(code=code),
        year=year,
        defaults={
            "value": Decimal(str(number)),
            "decimals": written_places(Decimal(str(number))),
            "qualifier": qualifier,
            "is_published": published,
            **extra,
        },
    )
    return value


@pytest.fixture
def staff_client(client, db):
    user = get_user_model().objects.create_user(
        "thuky", password="mat-khau-dai-1", is_staff=True, is_superuser=True
    )
    client.force_login(user)
    client.user = user
    return client
