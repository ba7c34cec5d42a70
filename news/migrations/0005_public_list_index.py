from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('communes', '0004_staff_account'),
        ('meetings', '0007_per_commune'),
        ('news', '0004_per_commune'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='article',
            index=models.Index(fields=['commune', 'status', 'publish_at', 'expires_at'], name='news_article_public_here'),
        ),
    ]
