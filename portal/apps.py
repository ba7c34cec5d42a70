from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _
from simple_history.signals import post_create_historical_record


class PortalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "portal"
    verbose_name = _("Cổng thông tin")

    def ready(self):
        from . import outage, page_cache
        from .database import restrict_sqlite_files
        from .history import drop_unchanged_version
        from .search import reindex_after_migrate
        from .starting_data import create_site_identity

        post_migrate.connect(create_site_identity, sender=self)
        post_migrate.connect(reindex_after_migrate, sender=self)
        # Each app's search_index.py registers what the search finds of it.
        autodiscover_modules("search_index")
        page_cache.connect_signals()
        connection_created.connect(restrict_sqlite_files)
        outage.connect_signals()
        post_create_historical_record.connect(
            drop_unchanged_version, dispatch_uid="history-drop-unchanged"
        )


class PortalAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "portal.admin_site.PortalAdminSite"
