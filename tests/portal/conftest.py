import pytest
from django.core.cache import cache

from portal import outage


@pytest.fixture(autouse=True)
def no_outage_yet():
    """Outage log lines are deduped per process and through the cache: start each test clean."""
    outage.database.failing = outage.page_store.failing = False
    cache.delete(outage.OUTAGE_KEY)
    yield
    outage.database.failing = outage.page_store.failing = False
