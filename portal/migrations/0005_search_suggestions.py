"""Search suggestions ("Có phải bạn muốn tìm") from the indexed words, with pg_trgm.

On PostgreSQL the vectors are rebuilt from the folded words (as portal.search now stores
them) and the words already indexed are collected; nothing to do on SQLite.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

FORWARD = [
    "CREATE INDEX IF NOT EXISTS portal_searchword_word_trgm "
    "ON portal_searchword USING gin (word gin_trgm_ops)",
    "UPDATE portal_searchentry SET vector = "
    "setweight(to_tsvector('portal_vi', title_folded), 'A') || "
    "setweight(to_tsvector('portal_vi', body_folded), 'B')",
    "INSERT INTO portal_searchword (word) "
    "SELECT DISTINCT w FROM portal_searchentry, "
    "regexp_split_to_table(trim(title_folded || ' ' || body_folded), '\\s+') AS w "
    "WHERE length(w) BETWEEN 2 AND 100 AND w !~ '^[0-9]+$' ON CONFLICT DO NOTHING",
]
BACKWARD = ["DROP INDEX IF EXISTS portal_searchword_word_trgm"]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):

    dependencies = [
        ('portal', '0004_history'),
    ]

    operations = [
        TrigramExtension(),
        migrations.CreateModel(
            name='SearchWord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('word', models.CharField(max_length=100, unique=True, verbose_name='từ')),
            ],
            options={
                'verbose_name': 'từ đã lập chỉ mục',
                'verbose_name_plural': 'từ đã lập chỉ mục',
                'ordering': ['word'],
            },
        ),
        migrations.AlterField(
            model_name='searchentry',
            name='kind',
            field=models.CharField(choices=[('news', 'Tin tức'), ('meeting', 'Cuộc họp'), ('directive', 'Kết luận chỉ đạo'), ('indicator', 'Chỉ số'), ('committee', 'Ban Chỉ đạo')], max_length=20, verbose_name='loại'),
        ),
        migrations.RunPython(run(FORWARD), run(BACKWARD)),
    ]
