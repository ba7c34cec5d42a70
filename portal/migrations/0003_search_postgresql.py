"""PostgreSQL full-text search for SearchEntry; nothing to do on SQLite.

The text search configuration is built on `simple` (no stop words: the English one drops
"to", "so", "an", "do") plus `unaccent`, so "chuyen doi so" matches "chuyển đổi số".
unaccent() cannot be indexed, so the vector is stored and indexed with GIN.
"""

from django.db import migrations

CONFIG = "portal_vi"

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    f"""DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN
            CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = simple);
            ALTER TEXT SEARCH CONFIGURATION {CONFIG}
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
        END IF;
    END $$""",
    "CREATE INDEX IF NOT EXISTS portal_searchentry_vector_gin "
    "ON portal_searchentry USING gin (vector)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS portal_searchentry_vector_gin",
    f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_search_entry")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
