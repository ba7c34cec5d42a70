import pytest

from news.models import Category


@pytest.fixture
def category(db):
    """The first starting category, created by migrate."""
    return Category.objects.get(slug="hoat-dong-ban-chi-dao")
