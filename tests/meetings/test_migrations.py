import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("meetings", "0003_protocol_order")]
AFTER = [("meetings", "0004_time_of_day")]


@pytest.fixture(autouse=True)
def back_to_latest():
    """Leave the test database fully migrated for the tests that follow."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_meetings_without_a_known_hour_become_whole_days_but_the_seeds_is_chieu():
    apps = migrate(BEFORE)
    Committee = apps.get_model("meetings", "Committee")
    Meeting = apps.get_model("meetings", "Meeting")
    committee = Committee.objects.create(name="Ban", slug="ban")
    start = datetime.datetime(2026, 1, 15, 7, tzinfo=datetime.UTC)
    for slug, known in [
        ("hop-ban-chi-dao-danh-gia-nam-2025", False),
        ("hop-khac", False),
        ("hop-co-gio", True),
    ]:
        Meeting.objects.create(
            committee=committee, title=slug, slug=slug, start=start, start_time_known=known
        )
    apps = migrate(AFTER)
    parts = dict(apps.get_model("meetings", "Meeting").objects.values_list("slug", "time_of_day"))
    assert parts == {
        "hop-ban-chi-dao-danh-gia-nam-2025": "afternoon",
        "hop-khac": "all_day",
        "hop-co-gio": "exact",
    }
