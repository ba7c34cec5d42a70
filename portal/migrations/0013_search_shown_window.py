from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_windows(apps, schema_editor):
    """Existing article entries get the window their article is shown in (none: a draft)."""
    Article = apps.get_model("news", "Article")
    SearchEntry = apps.get_model("portal", "SearchEntry")
    article = Article.objects.filter(
        pk=OuterRef("object_id"), status="published", publish_at__isnull=False
    )
    SearchEntry.objects.filter(kind="news").update(
        shown_from=Subquery(article.values("publish_at")[:1]),
        shown_until=Subquery(article.values("expires_at")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0012_search_newest_per_commune"),
        ("news", "0004_per_commune"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="shown_from",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="shown_until",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(fill_windows, migrations.RunPython.noop),
    ]
