from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from communes.admin_scoping import CommuneScopedAdmin
from portal.history import HistoryAdmin

from .models import DailyVisits, SiteIdentity


@admin.register(SiteIdentity)
class SiteIdentityAdmin(HistoryAdmin):
    list_display = ["committee_name", "commune_name", "province"]
    fieldsets = [
        (None, {"fields": ["commune_name", "province", "committee_name", "committee_short_name"]}),
        (
            _("Thông tin liên hệ ở chân trang"),
            {"fields": ["owner_agency", "responsible_person", "address", "phone", "email"]},
        ),
        (_("Liên kết ở chân trang"), {"fields": ["footer_links"]}),
        (None, {"fields": ["logo", "visits_before_launch"]}),
    ]

    def has_add_permission(self, request):
        return not SiteIdentity.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DailyVisits)
class DailyVisitsAdmin(CommuneScopedAdmin, admin.ModelAdmin):
    list_display = ["day", "count"]
    date_hierarchy = "day"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
