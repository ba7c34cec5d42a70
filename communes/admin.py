from django.contrib import admin

from .admin_scoping import NotFoundElsewhere, for_commune
from .creation import give_starting_data
from .models import Commune, HostName, Province, StaffAccount


class ProvinceOnly:
    """Communes, host names and where accounts work: for the province's accounts (and
    superusers) only, never for a commune's own staff."""

    def _province_account(self, request):
        if not request.user.is_authenticated:
            return False
        if request.user.is_superuser:
            return True
        return StaffAccount.objects.of_province(request.user)

    def has_module_permission(self, request):
        return self._province_account(request) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._province_account(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return self._province_account(request) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return self._province_account(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._province_account(request) and super().has_delete_permission(request, obj)


class HostNameInline(ProvinceOnly, admin.TabularInline):
    model = HostName
    fields = ["name", "is_primary"]
    extra = 1


@admin.register(Commune)
class CommuneAdmin(ProvinceOnly, admin.ModelAdmin):
    list_display = ["name", "slug", "is_active", "ordering"]
    list_editable = ["is_active", "ordering"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [HostNameInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change:  # a new commune gets what `tao_xa` gives one
            give_starting_data(form.instance)

    def get_deleted_objects(self, objs, request):
        """A commune goes with its starting data only: one with content is refused, and the
        page says what it still holds."""
        protected = [
            Commune.content_message(obj, counts) for obj in objs if (counts := obj.content_counts())
        ]
        return [str(obj) for obj in objs], {Commune._meta.verbose_name: len(objs)}, set(), protected

    def delete_model(self, request, obj):
        obj.delete()

    def delete_queryset(self, request, queryset):
        for commune in queryset:
            commune.delete()


class ProvinceHostInline(HostNameInline):
    fields = ["name"]


@admin.register(StaffAccount)
class StaffAccountAdmin(ProvinceOnly, NotFoundElsewhere, admin.ModelAdmin):
    list_display = ["user", "commune"]
    list_filter = ["commune"]
    autocomplete_fields = ["user"]

    def get_queryset(self, request):
        # On a commune's host: that commune's accounts and the province's, no other commune's.
        return for_commune(super().get_queryset(request), getattr(request, "commune", None))


@admin.register(Province)
class ProvinceAdmin(ProvinceOnly, admin.ModelAdmin):
    list_display = ["__str__"]
    inlines = [ProvinceHostInline]

    def has_add_permission(self, request):
        return not Province.objects.exists() and super().has_add_permission(request)
