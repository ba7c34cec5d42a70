from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "documents"
    verbose_name = _("Văn bản")

    def ready(self):
        from .starting_data import create_lists

        post_migrate.connect(create_lists, sender=self)
