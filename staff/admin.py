"""Accounts and roles in the admin, and where each account works.

On a commune's host the administrator sees and makes that commune's accounts only and gives
them the roles of staff.roles: never superuser status or permissions of their own, and the
roles themselves (every commune's) are read there, not changed. On the province's host an
account's form says where it works: a commune, or the province.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group, User
from django.db.models import Case, F, Subquery, When
from django.utils.translation import gettext_lazy as _

from communes.admin_scoping import NotFoundElsewhere
from communes.models import Commune, StaffAccount, first_commune_pk

from .roles import ROLES

# Rights beyond the roles: given on the province's host only.
PROVINCE_ONLY_FIELDS = {"is_superuser", "user_permissions"}


def host_commune(request):
    return getattr(request, "commune", None)


def workplace_field():
    return forms.ModelChoiceField(
        Commune.objects.all(),
        required=False,
        label=_("Nơi làm việc"),
        empty_label=_("Tỉnh (đọc mọi xã)"),
        help_text=_("Xã nơi tài khoản làm việc; chọn “Tỉnh” cho tài khoản của tỉnh."),
    )


class ProvinceUserCreationForm(AdminUserCreationForm):
    commune = workplace_field()


class ProvinceUserChangeForm(UserChangeForm):
    commune = workplace_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        account = StaffAccount.objects.filter(user=self.instance).first()
        # Without a row the account works in the first commune (StaffAccount.works_in).
        self.initial["commune"] = account.commune_id if account else first_commune_pk()


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class StaffUserAdmin(NotFoundElsewhere, UserAdmin):
    def get_queryset(self, request):
        users = super().get_queryset(request)
        commune = host_commune(request)
        if commune is not None:
            return StaffAccount.objects.users_of(users, commune)
        first = Commune.objects.order_by("pk").values("name")[:1]
        return users.annotate(
            workplace_name=Case(
                When(commune_account__isnull=True, then=Subquery(first)),
                default=F("commune_account__commune__name"),
            )
        )

    @admin.display(description=_("nơi làm việc"), ordering="workplace_name")
    def workplace(self, user):
        return user.workplace_name or _("Tỉnh")

    def get_list_display(self, request):
        shown = super().get_list_display(request)
        return shown if host_commune(request) else [*shown, "workplace"]

    def get_list_filter(self, request):
        filters = super().get_list_filter(request)
        if host_commune(request) is None:
            return filters
        return [item for item in filters if item not in PROVINCE_ONLY_FIELDS]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if host_commune(request) is None:
            return [*fieldsets, (_("Nơi làm việc"), {"fields": ["commune"]})]
        kept = []
        for name, options in fieldsets:
            fields = [field for field in options["fields"] if field not in PROVINCE_ONLY_FIELDS]
            kept.append((name, {**options, "fields": fields}))
        return kept

    def get_form(self, request, obj=None, **kwargs):
        if host_commune(request) is None:
            form = ProvinceUserCreationForm if obj is None else ProvinceUserChangeForm
            kwargs.setdefault("form", form)
        return super().get_form(request, obj, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and host_commune(request) is not None:
            kwargs["queryset"] = Group.objects.filter(name__in=ROLES)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        commune = host_commune(request)
        if commune is None:
            StaffAccount.objects.update_or_create(
                user=obj, defaults={"commune": form.cleaned_data["commune"]}
            )
        elif not change:
            StaffAccount.objects.create(user=obj, commune=commune)


@admin.register(Group)
class RoleAdmin(GroupAdmin):
    """The roles are every commune's: read on a commune's host, changed on the province's
    (and kept equal to staff.roles after every migrate)."""

    def has_add_permission(self, request):
        return host_commune(request) is None and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return host_commune(request) is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return host_commune(request) is None and super().has_delete_permission(request, obj)
