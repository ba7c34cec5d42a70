from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "news"
    verbose_name = _("Tin tức")

    def ready(self):
        from .starting_data import create_categories

        post_migrate.connect(create_categories, sender=self)
