from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CommunesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "communes"
    verbose_name = _("Xã và tỉnh")

    def ready(self):
        from . import hosts
        from .starting_data import create_first_commune

        post_migrate.connect(create_first_commune, sender=self)
        hosts.connect_signals()
