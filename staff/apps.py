from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "staff"
    verbose_name = _("Cán bộ và vai trò")

    def ready(self):
        from .starting_data import update_roles

        # Connected for this app only: listed last in INSTALLED_APPS, it runs after
        # every other app's permissions were created.
        post_migrate.connect(update_roles, sender=self)
