from django.contrib import admin

from .models import Commune, HostName, Province, StaffAccount


class HostNameInline(admin.TabularInline):
    model = HostName
    fields = ["name", "is_primary"]
    extra = 1


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "is_active", "ordering"]
    list_editable = ["is_active", "ordering"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [HostNameInline]


class ProvinceHostInline(HostNameInline):
    fields = ["name"]


@admin.register(StaffAccount)
class StaffAccountAdmin(admin.ModelAdmin):
    list_display = ["user", "commune"]
    list_filter = ["commune"]
    autocomplete_fields = ["user"]


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["__str__"]
    inlines = [ProvinceHostInline]

    def has_add_permission(self, request):
        return not Province.objects.exists()
