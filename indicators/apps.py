from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "indicators"
    verbose_name = _("Chỉ số chuyển đổi số")

    def ready(self):
        from .starting_data import create_catalogue

        post_migrate.connect(create_catalogue, sender=self)
